import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { resolveContainer } from './login-env.js';
import { applyChanges, parseCfg, rewriteCfg, undeclared, type Change } from './login-launch.js';
import { oauth2ProxyBin, type K8sObject } from './tools.js';

/**
 * How Dex and oauth2-proxy are started from a rendered platform: the Deployment's container
 * resolved as the kubelet would (login-env.ts), its mounted ConfigMap files written under `root`,
 * and only the declared changes applied. `problems` lists every field that differs from the
 * rendered objects without being declared, and every declared change that changed nothing.
 */
export interface Launch {
  bin: string;
  args: string[];
  env: Record<string, string>;
  problems: string[];
}

function check(name: string, rendered: unknown, launched: unknown, changes: Change[]): string[] {
  const { extra, unchanged } = undeclared(name, rendered, launched, changes);
  return [
    ...extra.map((p) => `undeclared change ${p}`),
    ...unchanged.map((p) => `declared change had no effect: ${p}`),
  ];
}

/** Mounted files keep their container path, below `root` (the only change to a file path). */
function mount(root: string, files: Map<string, string>): string[] {
  const placed: string[] = [];
  for (const [path, content] of files) {
    const host = join(root, path);
    mkdirSync(dirname(host), { recursive: true });
    writeFileSync(host, content);
    placed.push(host);
  }
  return placed;
}

const mountsChange = (document: string, root: string, files: Map<string, string>): Change[] =>
  [...files.keys()].map((path, i) => ({
    in: document,
    at: String(i),
    to: join(root, path),
    why: 'mounted file placed under the test directory',
  }));

/**
 * Dex: `command` is the image's `dex serve <config>`; the config is the mounted ConfigMap key.
 * Documents for `changes`: "dex command", "dex env", "dex config.yaml", "dex mounts".
 */
export function planDex(
  objects: K8sObject[],
  changes: Change[],
  root: string,
): Launch & { config: Record<string, unknown> } {
  const c = resolveContainer(objects, 'auth', 'dex');
  const configPath = c.command[2]!;
  const configText = c.files.get(configPath);
  if (c.command[0] !== 'dex' || c.command[1] !== 'serve' || configText === undefined)
    throw new Error(
      `Deployment auth/dex: expected command [dex, serve, <mounted config>], got ${JSON.stringify(c.command)}`,
    );
  const rendered = parse(configText) as Record<string, unknown>;
  const config = applyChanges('dex config.yaml', rendered, changes);
  const command = applyChanges('dex command', c.command, changes);
  const env = applyChanges('dex env', c.env, changes);
  const mounts = [...c.files.keys()];
  const allChanges = [...changes, ...mountsChange('dex mounts', root, c.files)];
  const placed = applyChanges('dex mounts', mounts, allChanges);
  const files = new Map([...c.files].map(([p, content]) => [p, p === configPath ? stringify(config) : content]));
  mount(root, files);
  const problems = [
    ...check('dex command', c.command, command, changes),
    ...check('dex env', c.env, env, changes),
    ...check('dex config.yaml', rendered, config, changes),
    ...check('dex mounts', mounts, placed, allChanges),
  ];
  return { bin: command[0]!, args: command.slice(1), env, problems, config };
}

/**
 * oauth2-proxy: the image's entrypoint with the Deployment's args; `--config=` names the mounted cfg.
 * Documents for `changes`: "oauth2-proxy args", "oauth2-proxy env", "oauth2_proxy.cfg", "oauth2-proxy mounts".
 */
export function planOauth2Proxy(
  objects: K8sObject[],
  changes: Change[],
  root: string,
): Launch & { cfg: Record<string, unknown> } {
  const c = resolveContainer(objects, 'oauth2-proxy', 'oauth2-proxy');
  if (c.command.length)
    throw new Error(
      `Deployment oauth2-proxy/oauth2-proxy: a command (${c.command.join(' ')}) replaces the image entrypoint; not handled here`,
    );
  const cfgPath = c.args.find((a) => a.startsWith('--config='))?.slice('--config='.length);
  const cfgText = cfgPath === undefined ? undefined : c.files.get(cfgPath);
  if (cfgText === undefined)
    throw new Error('Deployment oauth2-proxy/oauth2-proxy: --config does not name a mounted file');
  const rendered = parseCfg(cfgText);
  const cfg = applyChanges('oauth2_proxy.cfg', rendered, changes);
  const args = applyChanges('oauth2-proxy args', c.args, changes);
  const env = applyChanges('oauth2-proxy env', c.env, changes);
  const mounts = [...c.files.keys()];
  const allChanges = [...changes, ...mountsChange('oauth2-proxy mounts', root, c.files)];
  const placed = applyChanges('oauth2-proxy mounts', mounts, allChanges);
  const files = new Map([...c.files].map(([p, content]) => [p, p === cfgPath ? rewriteCfg(cfgText, cfg) : content]));
  mount(root, files);
  const problems = [
    ...check('oauth2-proxy args', c.args, args, changes),
    ...check('oauth2-proxy env', c.env, env, changes),
    ...check('oauth2_proxy.cfg', rendered, parseCfg(rewriteCfg(cfgText, cfg)), changes),
    ...check('oauth2-proxy mounts', mounts, placed, allChanges),
  ];
  return { bin: oauth2ProxyBin, args, env, problems, cfg };
}
