import jsonpatch, { type Operation } from 'fast-json-patch';
import { toYaml } from '../../util/yaml.js';

export type { Operation };

/**
 * The body of a JSON6902 patch file. fast-json-patch checks each operation's shape (op, path as a
 * JSON Pointer, value where one is needed) here, so a malformed patch is an internal error at
 * generation time rather than a kustomize failure on the user's machine.
 */
export function jsonPatch(ops: Operation[]): string {
  const error = jsonpatch.validate(ops);
  if (error)
    throw new Error(`internal: invalid JSON patch (${error.name} at operation ${error.index}): ${error.message}`);
  return toYaml(ops);
}
