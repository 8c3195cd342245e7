import { RELEASE_IDS, type Release, type ReleaseId } from '../release.js';
import { v1_9_1 } from './v1.9.1.js';
import { v1_10_2 } from './v1.10.2.js';
import { v1_11_0 } from './v1.11.0.js';
import { r26_03 } from './26.03.js';

/** Every release kfgen builds, oldest first: the order `kfgen upgrade` steps through. */
export const RELEASES: readonly Release[] = [v1_9_1, v1_10_2, v1_11_0, r26_03];

const BY_ID = new Map<string, Release>(RELEASES.map((r) => [r.id, r]));

export function release(id: ReleaseId): Release {
  return BY_ID.get(id)!;
}

export function isReleaseId(id: unknown): id is ReleaseId {
  return typeof id === 'string' && (RELEASE_IDS as readonly string[]).includes(id);
}

/** The newest release: what `kfgen init` proposes. */
export const NEWEST_RELEASE: Release = RELEASES[RELEASES.length - 1]!;

/** The release after `id`, if any. */
export function nextRelease(id: ReleaseId): Release | undefined {
  return RELEASES[RELEASES.findIndex((r) => r.id === id) + 1];
}
