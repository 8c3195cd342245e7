import { readFileSync } from 'node:fs';
import type { GenerateAssets } from '../generate/core/model.js';

/**
 * Files kfgen writes out as they are, kept as real files in the source tree so that their own
 * tests run the very bytes kfgen writes: read here, at the pipeline's edge, and handed to generate,
 * which does no I/O. The URLs are the same from src/pipeline (tsx) and dist/pipeline (built): both
 * are two levels below the package root, and the package ships src/ (package.json "files").
 */
export const ASSET_FILES = {
  /** The Profile Manager's function (Python, one file, inlined into its CloudFormation template). */
  profileManagerHandler: new URL('../../src/generate/profile-manager/handler.py', import.meta.url),
} as const satisfies Record<keyof GenerateAssets, URL>;

export function readGenerateAssets(): GenerateAssets {
  return { profileManagerHandler: readFileSync(ASSET_FILES.profileManagerHandler, 'utf8') };
}
