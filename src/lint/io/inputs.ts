import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LintSource } from '../types.js';
import { kustomizeBuild } from './kustomize.js';

export class InputError extends Error {}

const KUSTOMIZATION = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface InputNote {
  message: string;
}

/**
 * Turns CLI paths into sources: `-` is stdin; a kustomization directory is rendered with
 * kustomize when one is available (else its files are linted); other directories are walked.
 */
export async function readInputs(
  paths: string[],
  opts: { kustomize: boolean },
  notes: InputNote[],
): Promise<LintSource[]> {
  const sources: LintSource[] = [];
  for (const p of paths) {
    if (p === '-') {
      sources.push({ file: '-', text: await readStdin() });
      continue;
    }
    if (!existsSync(p)) throw new InputError(`no such file or directory: ${p}`);
    if (statSync(p).isDirectory()) {
      const k = KUSTOMIZATION.find((n) => existsSync(join(p, n)));
      if (k && opts.kustomize) {
        const text = await kustomizeBuild(p);
        if (text !== null) {
          sources.push({ file: `${p.replace(/\/+$/, '')}/(kustomize build)`, text });
          continue;
        }
        notes.push({
          message: `kustomize not found (set KUSTOMIZE or install it into .tools/bin); linting the files of ${p} without rendering`,
        });
      }
      const files = yamlFilesUnder(p).filter((f) => !KUSTOMIZATION.some((n) => f.endsWith(`/${n}`)));
      for (const f of files) sources.push({ file: f, text: readFileSync(f, 'utf8') });
      continue;
    }
    sources.push({ file: p, text: readFileSync(p, 'utf8') });
  }
  return sources;
}

/** CRD sources for `--crds`: files, or directories walked for YAML holding CustomResourceDefinitions. */
export function readCrdSources(paths: string[]): LintSource[] {
  const out: LintSource[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new InputError(`--crds: no such file or directory: ${p}`);
    const files = statSync(p).isDirectory() ? yamlFilesUnder(p) : [p];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (text.includes('kind: CustomResourceDefinition')) out.push({ file: f, text });
    }
  }
  return out;
}
