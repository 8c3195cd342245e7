import type { KfgenConfig } from './types.js';
import type { Problem } from './errors.js';
import type { Locate } from './validate.js';

/** Cross-references between profiles, groups, contributors and programmatic access (issue 4). */
export function tenancyProblems(_config: KfgenConfig, _file: string, _locate: Locate): Problem[] {
  return [];
}
