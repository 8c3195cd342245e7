import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Release, ReleaseId } from '../kubeflow/release.js';
import { RELEASES, release } from '../kubeflow/releases/index.js';

/** A marker ending in "/" is a directory, any other a file. */
function has(dir: string, marker: string): boolean {
  const path = resolve(dir, marker);
  if (!existsSync(path)) return false;
  return marker.endsWith('/') ? statSync(path).isDirectory() : statSync(path).isFile();
}

function matches(dir: string, r: Release): boolean {
  return r.markers.present.every((m) => has(dir, m)) && !r.markers.absent.some((m) => has(dir, m));
}

/** Which release a local kubeflow/manifests tree is, by its markers; undefined for none. */
export function identifyRelease(dir: string): ReleaseId | undefined {
  return RELEASES.find((r) => matches(dir, r))?.id;
}

/** Why `dir` cannot be used as the tree of `version`, or undefined when it can. */
export function manifestsTreeProblem(dir: string, version: ReleaseId): string | undefined {
  if (!existsSync(dir)) return `directory ${dir} does not exist`;
  const wanted = release(version);
  if (!existsSync(resolve(dir, 'example/kustomization.yaml')))
    return `${dir} is not a kubeflow/manifests checkout (no example/kustomization.yaml)`;
  if (matches(dir, wanted)) return undefined;
  const found = identifyRelease(dir);
  const evidence = (r: Release) =>
    [...r.markers.present.map((m) => `has ${m}`), ...r.markers.absent.map((m) => `no ${m}`)].join(', ');
  if (found)
    return `${dir} is kubeflow/manifests ${found} (${evidence(release(found))}), but manifests.version is ${version} (which ${evidence(wanted)})`;
  return `${dir} is not kubeflow/manifests ${version} (a ${version} tree ${evidence(wanted)}) nor another release kfgen builds`;
}

/**
 * The mirror of remote bases when none is named: a `remote-bases` folder beside the manifests
 * checkout, or beside the folder that holds checkouts by tag (`kubeflow-manifests/26.03` with
 * `remote-bases` next to `kubeflow-manifests`).
 */
export function defaultRemoteBases(manifestsDir: string): string | undefined {
  const parent = dirname(manifestsDir);
  return [join(parent, 'remote-bases'), join(dirname(parent), 'remote-bases')].find((d) =>
    existsSync(join(d, 'github.com')),
  );
}

/** What to run to get the tree of a release. */
export function cloneHint(version: ReleaseId): string {
  return `git clone --depth 1 --branch ${version} https://github.com/kubeflow/manifests`;
}
