/** Object-level suppression: `kfgen.dev/lint-ignore.<rule-id>: "<reason>"`. */
export const IGNORE_PREFIX = 'kfgen.dev/lint-ignore.';
