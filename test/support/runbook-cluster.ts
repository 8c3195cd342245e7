import type { ControlPlane } from './control-plane.js';

/**
 * Puts one loopback control plane back to the state it started in, so that each fixture's runbook
 * meets a fresh cluster. There is no namespace controller here, so a deleted namespace would stay
 * Terminating: its objects are deleted first, then the namespace is finalized by hand (what the
 * controller does once it is empty).
 */

interface Entry {
  resource: string;
  namespace: string;
  name: string;
}

const key = (e: Entry) => `${e.resource} ${e.namespace}/${e.name}`;

/** Events come and go on their own; everything else that can be listed counts. */
async function listableResources(cp: ControlPlane): Promise<string[]> {
  const r = await cp.kubectl(['api-resources', '--verbs=list,delete', '-o', 'name']);
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && l !== 'events' && l !== 'events.events.k8s.io')
    .sort();
}

export interface ClusterState {
  resources: string[];
  entries: Map<string, Entry>;
}

export async function clusterState(cp: ControlPlane, resources?: string[]): Promise<ClusterState> {
  const types = resources ?? (await listableResources(cp));
  const r = await cp.kubectl(['get', types.join(','), '-A', '-o', 'json']);
  const items = (
    JSON.parse(r.stdout) as {
      items: Array<{ apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }>;
    }
  ).items;
  const entries = new Map<string, Entry>();
  for (const o of items) {
    const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
    const e = {
      resource: `${o.kind}${group ? `.${group}` : ''}`,
      namespace: o.metadata.namespace ?? '',
      name: o.metadata.name,
    };
    entries.set(key(e), e);
  }
  return { resources: types, entries };
}

/** What exists now and did not in `base`: the objects a runbook created. */
export function added(base: ClusterState, now: ClusterState): Entry[] {
  return [...now.entries.values()].filter((e) => !base.entries.has(key(e)));
}

export async function resetCluster(cp: ControlPlane, base: ClusterState): Promise<void> {
  const now = await clusterState(cp, base.resources);
  const extra = added(base, now);
  const namespaces = extra.filter((e) => e.resource === 'Namespace').map((e) => e.name);
  for (const e of extra.filter((x) => x.resource !== 'Namespace')) {
    await cp.kubectl([
      'delete',
      `${e.resource}/${e.name}`,
      ...(e.namespace ? ['-n', e.namespace] : []),
      '--wait=false',
      '--ignore-not-found',
    ]);
  }
  for (const ns of namespaces) {
    await cp.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
    const got = await cp.kubectl(['get', 'namespace', ns, '-o', 'json'], { allowFail: true });
    if (got.code !== 0) continue;
    const object = JSON.parse(got.stdout) as { spec?: { finalizers?: string[] } };
    object.spec = { ...object.spec, finalizers: [] };
    await cp.kubectl(['replace', '--raw', `/api/v1/namespaces/${ns}/finalize`, '-f', '-'], {
      input: JSON.stringify(object),
    });
  }
  const after = added(base, await clusterState(cp, base.resources));
  if (after.length) throw new Error(`could not reset the control plane; left: ${after.map(key).join(', ')}`);
}
