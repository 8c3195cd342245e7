/**
 * The difference between two rendered platforms, object by object (kind, namespace, name), with
 * what an in-place upgrade has to know about each: fields the API server will not change, objects
 * that carry data, CRDs whose storage version moves, webhooks whose Service goes away, objects
 * replaced by another kind of the same name. Pure: objects in, diff out.
 */

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [key: string]: unknown;
}

export interface ObjRef {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface Changed {
  ref: ObjRef;
  /** Top-level paths that differ (`spec`, `data`, `metadata.labels`, …). */
  paths: string[];
  /** Fields the API server refuses to change in place, with old and new values differing. */
  immutable: string[];
}

export interface StorageVersionChange {
  crd: string;
  from: string;
  to: string;
  /** `plural.group`, what kubectl lists. */
  resource: string;
  namespaced: boolean;
}

export interface WebhookLosingService {
  webhook: ObjRef;
  service: { namespace: string; name: string };
  /** The webhook configuration is gone from the new render too (an orphan to delete before its Service). */
  webhookRemoved: boolean;
}

export interface PlatformDiff {
  added: ObjRef[];
  removed: ObjRef[];
  changed: Changed[];
  /** A removed object and an added one of the same group and name but another kind. */
  replaced: { old: ObjRef; new: ObjRef }[];
  /** Removed objects that are kustomize-generated copies of one that stays under a new hash. */
  renamedGenerated: ObjRef[];
  /** Removed or immutably changed objects that hold data, and why. */
  dataBearing: { ref: ObjRef; why: string }[];
  storageVersions: StorageVersionChange[];
  webhooksLosingService: WebhookLosingService[];
  /** Removed Secrets that a Certificate of the new render writes: cert-manager takes them over. */
  takenOver: ObjRef[];
  /** Removed CRDs: `plural.group`, and whether namespaced. */
  removedCrds: { resource: string; namespaced: boolean; kind: string }[];
}

export const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

export function refOf(o: KObject): ObjRef {
  const r: ObjRef = { group: groupOf(o.apiVersion), kind: o.kind, name: o.metadata.name };
  if (o.metadata.namespace) r.namespace = o.metadata.namespace;
  return r;
}

export const refKey = (r: ObjRef): string => `${r.kind}.${r.group} ${r.namespace ?? ''}/${r.name}`;

/** `Kind ns/name` for people. */
export const refLabel = (r: ObjRef): string => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

/** `deployment.apps/minio`: what kubectl takes. */
export const refArg = (r: ObjRef): string => `${r.kind.toLowerCase()}${r.group ? `.${r.group}` : ''}/${r.name}`;

/** kustomize's generated names end in a 10-character hash. */
const HASHED = /^(.*)-[2456789bcdfghkmt]{10}$/;

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const same = (a: unknown, b: unknown) => stable(a) === stable(b);

function get(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const p of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Fields the API server refuses to update, per kind (`group/Kind`). */
const IMMUTABLE: Readonly<Record<string, readonly string[]>> = {
  'apps/Deployment': ['spec.selector'],
  'apps/DaemonSet': ['spec.selector'],
  'apps/ReplicaSet': ['spec.selector'],
  'apps/StatefulSet': ['spec.selector', 'spec.serviceName', 'spec.volumeClaimTemplates', 'spec.podManagementPolicy'],
  'batch/Job': ['spec.selector', 'spec.template'],
  '/Service': ['spec.clusterIP', 'spec.clusterIPs'],
  '/PersistentVolumeClaim': [
    'spec.storageClassName',
    'spec.accessModes',
    'spec.volumeName',
    'spec.volumeMode',
    'spec.selector',
    'spec.dataSource',
  ],
  '/Secret': ['type'],
  'rbac.authorization.k8s.io/RoleBinding': ['roleRef'],
  'rbac.authorization.k8s.io/ClusterRoleBinding': ['roleRef'],
  'apiextensions.k8s.io/CustomResourceDefinition': ['spec.scope'],
};

function immutableChanges(a: KObject, b: KObject): string[] {
  const fields = [...(IMMUTABLE[`${groupOf(a.apiVersion)}/${a.kind}`] ?? [])];
  if ((a.kind === 'ConfigMap' || a.kind === 'Secret') && a.immutable === true) fields.push('data', 'binaryData');
  const out = fields.filter((f) => get(a, f) !== undefined && get(b, f) !== undefined && !same(get(a, f), get(b, f)));
  // A PVC may grow, never shrink.
  if (a.kind === 'PersistentVolumeClaim') {
    const x = get(a, 'spec.resources.requests.storage');
    const y = get(b, 'spec.resources.requests.storage');
    if (x !== undefined && y !== undefined && quantity(String(y)) < quantity(String(x)))
      out.push('spec.resources.requests.storage');
  }
  return out;
}

function quantity(q: string): number {
  const m = /^([0-9.]+)([KMGTPE]i?)?$/.exec(q);
  if (!m) return Number.NaN;
  const units: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(m[1]) * (m[2] ? (units[m[2]] ?? Number.NaN) : 1);
}

function dataWhy(o: KObject): string | undefined {
  if (o.kind === 'PersistentVolumeClaim') return 'a PersistentVolumeClaim: deleting it deletes its volume';
  if (o.kind === 'Namespace') return 'a namespace: deleting it deletes everything in it';
  if (o.kind === 'CustomResourceDefinition') return 'a CRD: deleting it deletes every object of its kind';
  if (o.kind === 'StatefulSet' && ((get(o, 'spec.volumeClaimTemplates') as unknown[]) ?? []).length)
    return 'a StatefulSet with volumeClaimTemplates';
  return undefined;
}

function storageVersion(crd: KObject): string | undefined {
  const versions = (get(crd, 'spec.versions') as { name: string; storage?: boolean }[] | undefined) ?? [];
  return versions.find((v) => v.storage)?.name;
}

function crdResource(crd: KObject): { resource: string; namespaced: boolean; kind: string } {
  return {
    resource: `${String(get(crd, 'spec.names.plural'))}.${String(get(crd, 'spec.group'))}`,
    namespaced: get(crd, 'spec.scope') !== 'Cluster',
    kind: String(get(crd, 'spec.names.kind')),
  };
}

const WEBHOOK_KINDS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

function webhookServices(o: KObject): { namespace: string; name: string }[] {
  const hooks =
    (o.webhooks as { clientConfig?: { service?: { namespace: string; name: string } } }[] | undefined) ?? [];
  const out = new Map<string, { namespace: string; name: string }>();
  for (const h of hooks) {
    const s = h.clientConfig?.service;
    if (s) out.set(`${s.namespace}/${s.name}`, { namespace: s.namespace, name: s.name });
  }
  return [...out.values()];
}

function topLevelDiff(a: KObject, b: KObject): string[] {
  const paths: string[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    if (k === 'metadata') {
      const ma = a.metadata as Record<string, unknown>;
      const mb = b.metadata as Record<string, unknown>;
      for (const m of [...new Set([...Object.keys(ma), ...Object.keys(mb)])].sort())
        if (!same(ma[m], mb[m])) paths.push(`metadata.${m}`);
    } else if (!same(a[k], b[k])) paths.push(k);
  }
  return paths;
}

const byKey = (x: ObjRef, y: ObjRef) => (refKey(x) < refKey(y) ? -1 : refKey(x) > refKey(y) ? 1 : 0);

export function diffPlatforms(oldObjects: readonly KObject[], newObjects: readonly KObject[]): PlatformDiff {
  const index = (objs: readonly KObject[]) => new Map(objs.map((o) => [refKey(refOf(o)), o]));
  const a = index(oldObjects);
  const b = index(newObjects);
  const removedObjs = [...a].filter(([k]) => !b.has(k)).map(([, o]) => o);
  const addedObjs = [...b].filter(([k]) => !a.has(k)).map(([, o]) => o);

  const changed: Changed[] = [];
  const dataBearing: PlatformDiff['dataBearing'] = [];
  const storageVersions: StorageVersionChange[] = [];
  for (const [k, x] of a) {
    const y = b.get(k);
    if (!y) continue;
    const paths = topLevelDiff(x, y);
    if (!paths.length) continue;
    const immutable = immutableChanges(x, y);
    changed.push({ ref: refOf(x), paths, immutable });
    const why = dataWhy(x);
    if (immutable.length && why) dataBearing.push({ ref: refOf(x), why: `${why}; changes ${immutable.join(', ')}` });
    if (x.kind === 'CustomResourceDefinition') {
      const from = storageVersion(x);
      const to = storageVersion(y);
      if (from && to && from !== to) storageVersions.push({ crd: x.metadata.name, from, to, ...crdResource(y) });
    }
  }

  // Another kind of the same group and name: the old one must go before the new one is applied.
  const replaced: PlatformDiff['replaced'] = [];
  for (const o of removedObjs) {
    const n = addedObjs.find(
      (x) =>
        x.metadata.name === o.metadata.name && groupOf(x.apiVersion) === groupOf(o.apiVersion) && x.kind !== o.kind,
    );
    if (n) replaced.push({ old: refOf(o), new: refOf(n) });
  }

  // A generated ConfigMap/Secret whose base name is still rendered (under another hash).
  const generatedBases = new Set(
    newObjects
      .filter((o) => o.kind === 'ConfigMap' || o.kind === 'Secret')
      .map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${HASHED.exec(o.metadata.name)?.[1] ?? ''}`),
  );
  const renamedGenerated = removedObjs
    .filter((o) => {
      const m = HASHED.exec(o.metadata.name);
      return (
        (o.kind === 'ConfigMap' || o.kind === 'Secret') &&
        m &&
        generatedBases.has(`${o.kind} ${o.metadata.namespace ?? ''}/${m[1]}`)
      );
    })
    .map(refOf);

  for (const o of removedObjs) {
    const why = dataWhy(o);
    if (why) dataBearing.push({ ref: refOf(o), why });
  }

  const newServices = new Set(
    newObjects.filter((o) => o.kind === 'Service').map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`),
  );
  const webhooksLosingService: WebhookLosingService[] = [];
  for (const o of oldObjects.filter((x) => WEBHOOK_KINDS.has(x.kind))) {
    for (const s of webhookServices(o)) {
      if (!newServices.has(`${s.namespace}/${s.name}`))
        webhooksLosingService.push({ webhook: refOf(o), service: s, webhookRemoved: !b.has(refKey(refOf(o))) });
    }
  }

  const issued = new Set(
    newObjects
      .filter((o) => o.kind === 'Certificate' && typeof get(o, 'spec.secretName') === 'string')
      .map((o) => `${o.metadata.namespace ?? ''}/${String(get(o, 'spec.secretName'))}`),
  );
  const takenOver = removedObjs
    .filter((o) => o.kind === 'Secret' && issued.has(`${o.metadata.namespace ?? ''}/${o.metadata.name}`))
    .map(refOf);

  return {
    takenOver: takenOver.sort(byKey),
    added: addedObjs.map(refOf).sort(byKey),
    removed: removedObjs.map(refOf).sort(byKey),
    changed: changed.sort((x, y) => byKey(x.ref, y.ref)),
    replaced: replaced.sort((x, y) => byKey(x.old, y.old)),
    renamedGenerated: renamedGenerated.sort(byKey),
    dataBearing: dataBearing.sort((x, y) => byKey(x.ref, y.ref)),
    storageVersions: storageVersions.sort((x, y) => (x.crd < y.crd ? -1 : x.crd > y.crd ? 1 : 0)),
    webhooksLosingService,
    removedCrds: removedObjs
      .filter((o) => o.kind === 'CustomResourceDefinition')
      .map(crdResource)
      .sort((x, y) => (x.resource < y.resource ? -1 : 1)),
  };
}

/** `kfgen diff`'s text: one line per object, flags in brackets. Deterministic. */
export function formatDiff(d: PlatformDiff): string {
  const lines: string[] = [];
  const flags = (r: ObjRef) => {
    const f: string[] = [];
    const data = d.dataBearing.find((x) => refKey(x.ref) === refKey(r));
    if (data) f.push(`data: ${data.why}`);
    const rep = d.replaced.find((x) => refKey(x.old) === refKey(r) || refKey(x.new) === refKey(r));
    if (rep) f.push(`replaced: ${rep.old.kind} → ${rep.new.kind}`);
    if (d.renamedGenerated.some((x) => refKey(x) === refKey(r))) f.push('generated: renamed (new hash)');
    if (d.takenOver.some((x) => refKey(x) === refKey(r))) f.push('kept: a Certificate of the new render writes it');
    for (const w of d.webhooksLosingService.filter((x) => refKey(x.webhook) === refKey(r)))
      f.push(`webhook: Service ${w.service.namespace}/${w.service.name} goes away`);
    return f.length ? `  [${f.join('; ')}]` : '';
  };
  for (const r of d.added) lines.push(`+ ${refLabel(r)}${flags(r)}`);
  for (const r of d.removed) lines.push(`- ${refLabel(r)}${flags(r)}`);
  for (const c of d.changed) {
    const f: string[] = [];
    if (c.immutable.length) f.push(`immutable: ${c.immutable.join(', ')}`);
    const sv = d.storageVersions.find((s) => c.ref.kind === 'CustomResourceDefinition' && s.crd === c.ref.name);
    if (sv) f.push(`storage version: ${sv.from} → ${sv.to}`);
    const w = flags(c.ref);
    lines.push(`~ ${refLabel(c.ref)} (${c.paths.join(', ')})${f.length ? `  [${f.join('; ')}]` : ''}${w}`);
  }
  lines.push(
    `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed; ` +
      `${d.changed.filter((c) => c.immutable.length).length} with immutable-field changes, ` +
      `${d.dataBearing.length} data-bearing, ${d.storageVersions.length} storage-version changes, ` +
      `${d.webhooksLosingService.length} webhooks losing their Service`,
  );
  return `${lines.join('\n')}\n`;
}
