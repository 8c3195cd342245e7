import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import yaml from 'js-yaml';
import { JS_YAML_DEPTH } from '../util/yaml-bounds.js';
import { yamlFilesUnder } from '../lint/io/inputs.js';
import type { LintSource } from '../lint/index.js';

/**
 * Only top-level keys are read here, never walked, so an alias cycle or bomb costs nothing; the
 * files that are linted go through the linter's bounded parse.
 */
const LOAD = { schema: yaml.CORE_SCHEMA, ...JS_YAML_DEPTH } as yaml.LoadOptions;

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** Tracked files only: what a commit holds. Outside git, every YAML file under the directory. */
export function repositoryYamlFiles(root: string): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--', '*.yaml', '*.yml', '**/Kustomization', 'Kustomization'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return out
      .split('\0')
      .filter(Boolean)
      .filter((f) => existsSync(join(root, f)))
      .sort();
  } catch {
    return yamlFilesUnder(root).map((f) => relative(root, f).split(sep).join('/'));
  }
}

/**
 * Files a kustomization uses as fragments or function configs rather than whole objects:
 * patches, generator inputs, and generators/transformers/validators configs. Linting them as
 * objects would report fields they leave out on purpose.
 */
export function kustomizationFragments(root: string, files: string[]): Set<string> {
  const fragments = new Set<string>();
  for (const file of files.filter((f) => KUSTOMIZATION.test(f))) {
    let k: any;
    try {
      k = yaml.load(readFileSync(join(root, file), 'utf8'), LOAD);
    } catch {
      continue; // a broken kustomization is kustomize's to report
    }
    if (!k || typeof k !== 'object') continue;
    const base = posix.dirname(file);
    const add = (p: unknown) => {
      if (typeof p === 'string' && !p.includes('\n') && !p.includes('://'))
        fragments.add(posix.normalize(posix.join(base, p)));
    };
    for (const p of asList(k.patches)) add(typeof p === 'string' ? p : p?.path);
    for (const p of asList(k.patchesStrategicMerge)) add(p);
    for (const p of asList(k.patchesJson6902)) add(p?.path);
    for (const p of [...asList(k.generators), ...asList(k.transformers), ...asList(k.validators)]) add(p);
    for (const g of [...asList(k.configMapGenerator), ...asList(k.secretGenerator)]) {
      for (const f of [...asList(g?.files), ...asList(g?.envs)])
        add(typeof f === 'string' ? f.replace(/^[^=]*=/, '') : f);
    }
  }
  return fragments;
}

function asList(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

const NOT_OBJECTS = new Set(['Kustomization', 'Component', 'ResourceList']);

/** Whole Kubernetes objects, as opposed to other YAML (CI workflows, Helm values, kustomizations). */
export function looksLikeManifest(text: string): boolean {
  if (!/^apiVersion:\s*\S/m.test(text) || !/^kind:\s*\S/m.test(text)) return false;
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text, undefined, LOAD);
  } catch {
    return true; // let the linter report the syntax error with its position
  }
  return docs.some(
    (d: any) =>
      d &&
      typeof d === 'object' &&
      typeof d.kind === 'string' &&
      !NOT_OBJECTS.has(d.kind) &&
      !String(d.apiVersion ?? '').startsWith('kfgen.dev/'),
  );
}

export interface RepoManifests {
  sources: LintSource[];
  skipped: { excluded: number; fragments: number; other: number };
}

/** Every manifest in the repository except those under `skipDirs` and those matching `exclude`. */
export function repositoryManifests(
  root: string,
  opts: { exclude: RegExp[]; skipDirs: string[]; files?: string[] },
): RepoManifests {
  const files = opts.files ?? repositoryYamlFiles(root);
  const fragments = kustomizationFragments(root, files);
  const skipDirs = opts.skipDirs
    .map((d) => relative(root, resolve(root, d)).split(sep).join('/'))
    .filter((d) => d && !d.startsWith('..'));
  const skipped = { excluded: 0, fragments: 0, other: 0 };
  const sources: LintSource[] = [];
  for (const file of files) {
    if (skipDirs.some((d) => file === d || file.startsWith(`${d}/`))) continue;
    if (opts.exclude.some((re) => re.test(file))) {
      skipped.excluded++;
      continue;
    }
    if (fragments.has(file)) {
      skipped.fragments++;
      continue;
    }
    const text = readFileSync(join(root, file), 'utf8');
    if (KUSTOMIZATION.test(file) || !looksLikeManifest(text)) {
      skipped.other++;
      continue;
    }
    sources.push({ file, text });
  }
  return { sources, skipped };
}
