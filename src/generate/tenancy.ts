import type { Context, Contribution } from './model.js';

/** Profiles, contributors and programmatic access (issue 4). */
export function tenancy(_ctx: Context): Contribution {
  return {};
}
