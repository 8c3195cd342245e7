import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** `KUSTOMIZE`, else the project-local `.tools/bin/kustomize`, else `kustomize` on PATH. */
export function kustomizeCandidates(): string[] {
  const out: string[] = [];
  if (process.env.KUSTOMIZE) out.push(process.env.KUSTOMIZE);
  const local = join(repoRoot, '.tools', 'bin', 'kustomize');
  if (existsSync(local)) out.push(local);
  out.push('kustomize');
  return out;
}

export class KustomizeMissing extends Error {}
export class KustomizeFailed extends Error {}

function run(bin: string, dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, ['build', dir], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') reject(new KustomizeMissing(bin));
      // stderr carries harmless deprecation warnings on success; only the exit status counts
      else if (err) reject(new KustomizeFailed(`kustomize build ${dir} failed:\n${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

/** Renders a kustomization; null when no kustomize binary can be found. */
export async function kustomizeBuild(dir: string): Promise<string | null> {
  for (const bin of kustomizeCandidates()) {
    try {
      return await run(bin, dir);
    } catch (e) {
      if (e instanceof KustomizeMissing) continue;
      throw e;
    }
  }
  return null;
}
