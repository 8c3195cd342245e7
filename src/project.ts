import { basename, relative, resolve, sep } from 'node:path';
import { loadConfig, type LoadedConfig } from './config/load.js';
import { resolveSecrets } from './config/secrets.js';
import { ConfigError } from './config/errors.js';
import { generate } from './generate/index.js';
import type { FileTree } from './generate/model.js';

export interface ProjectBuild {
  loaded: LoadedConfig;
  outDir: string;
  tree: FileTree;
}

/** The edge around the pure generator: load and validate the config, read secrets, generate. */
export async function buildProject(opts: {
  cwd: string;
  configFile?: string;
  outDir?: string;
  manifestsDir?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<ProjectBuild> {
  const loaded = await loadConfig({ cwd: opts.cwd, configFile: opts.configFile, manifestsDir: opts.manifestsDir });
  const outDir = resolve(opts.cwd, opts.outDir ?? 'out');
  const { secrets, problems } = resolveSecrets(loaded.config, {
    file: loaded.displayFile,
    configDir: loaded.configDir,
    env: opts.env ?? process.env,
    locate: loaded.locate,
  });
  if (problems.length) throw new ConfigError(problems);
  const tree = generate({
    config: loaded.config,
    configName: basename(loaded.file),
    secrets,
    upstreamRef: upstreamRef(loaded, outDir),
  });
  return { loaded, outDir, tree };
}

/** kustomize rejects absolute paths in `resources:`, so local trees are referenced relatively. */
export function upstreamRef(loaded: LoadedConfig, outDir: string): (dir: string) => string {
  const m = loaded.config.manifests;
  if (loaded.manifestsDir) {
    const base = relative(outDir, loaded.manifestsDir).split(sep).join('/');
    return (dir) => `${base}/${dir}`;
  }
  const repo = m.git!.replace(/\.git$/, '').replace(/\/$/, '');
  return (dir) => `${repo}//${dir}?ref=${m.version}`;
}
