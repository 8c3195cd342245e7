import { find, type K8sObject } from './tools.js';

/**
 * What the kubelet would hand a container of a rendered Deployment: its command, args, the
 * environment resolved from Secrets and ConfigMaps, and the files its ConfigMap volumes mount.
 * Only what the Kubeflow auth Deployments use is resolved; anything else is an error, so a new
 * kind of reference in the rendered objects cannot be silently dropped.
 */
export interface ResolvedContainer {
  command: string[];
  args: string[];
  env: Record<string, string>;
  /** Container path → content, for ConfigMap volumes (with items and subPath as mounted). */
  files: Map<string, string>;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string };
  };
}
interface EnvFrom {
  prefix?: string;
  secretRef?: { name: string; optional?: boolean };
  configMapRef?: { name: string; optional?: boolean };
}
interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: EnvFrom[];
  volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string }>;
}
interface Volume {
  name: string;
  configMap?: { name: string; items?: Array<{ key: string; path: string }> };
}

/** A Secret's or ConfigMap's values as the container sees them (Secret data is base64). */
function values(
  objects: K8sObject[],
  kind: 'Secret' | 'ConfigMap',
  name: string,
  namespace: string,
): Record<string, string> | undefined {
  const o = find(objects, kind, name, namespace) as
    { data?: Record<string, string>; stringData?: Record<string, string> } | undefined;
  if (!o) return undefined;
  const data = Object.fromEntries(
    Object.entries(o.data ?? {}).map(([k, v]) => [
      k,
      kind === 'Secret' ? Buffer.from(v.replace(/\s+/g, ''), 'base64').toString('utf8') : v,
    ]),
  );
  return { ...data, ...(o.stringData ?? {}) };
}

export function resolveContainer(
  objects: K8sObject[],
  namespace: string,
  deployment: string,
  container?: string,
): ResolvedContainer {
  const where = `Deployment ${namespace}/${deployment}`;
  const dep = find(objects, 'Deployment', deployment, namespace) as
    | {
        metadata: { name: string; namespace: string };
        spec: {
          template: { spec: { containers: Container[]; volumes?: Volume[] } };
        };
      }
    | undefined;
  if (!dep) throw new Error(`${where}: not in the rendered objects`);
  const pod = dep.spec.template.spec;
  const c = container ? pod.containers.find((x) => x.name === container) : pod.containers[0];
  if (!c) throw new Error(`${where}: no container ${container ?? '[0]'}`);

  const ref = (kind: 'Secret' | 'ConfigMap', name: string, optional: boolean | undefined, field: string) => {
    const v = values(objects, kind, name, namespace);
    if (!v && !optional)
      throw new Error(
        `${where}: ${field} refers to ${kind} ${namespace}/${name}, which is not rendered (the pod would not start)`,
      );
    return v ?? {};
  };

  // The kubelet applies envFrom first, then env, so an explicit env entry wins.
  const env: Record<string, string> = {};
  for (const [i, from] of (c.envFrom ?? []).entries()) {
    const field = `containers[${c.name}].envFrom[${i}]`;
    const source = from.secretRef
      ? ref('Secret', from.secretRef.name, from.secretRef.optional, field)
      : from.configMapRef
        ? ref('ConfigMap', from.configMapRef.name, from.configMapRef.optional, field)
        : undefined;
    if (!source) throw new Error(`${where}: ${field}: neither secretRef nor configMapRef`);
    for (const [k, v] of Object.entries(source)) env[`${from.prefix ?? ''}${k}`] = v;
  }
  for (const e of c.env ?? []) {
    const field = `containers[${c.name}].env[${e.name}]`;
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef || e.valueFrom?.configMapKeyRef) {
      const r = (e.valueFrom.secretKeyRef ?? e.valueFrom.configMapKeyRef)!;
      const kind = e.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap';
      const v = ref(kind, r.name, r.optional, field)[r.key];
      if (v === undefined && !r.optional)
        throw new Error(
          `${where}: ${field}: ${kind} ${namespace}/${r.name} has no key ${r.key} (the pod would not start)`,
        );
      if (v !== undefined) env[e.name] = v;
    } else if (e.valueFrom?.fieldRef) {
      if (e.valueFrom.fieldRef.fieldPath !== 'metadata.namespace')
        throw new Error(`${where}: ${field}: fieldRef ${e.valueFrom.fieldRef.fieldPath} is not resolved here`);
      env[e.name] = namespace;
    } else throw new Error(`${where}: ${field}: no value and no supported valueFrom`);
  }

  const files = new Map<string, string>();
  for (const m of c.volumeMounts ?? []) {
    const vol = (pod.volumes ?? []).find((v) => v.name === m.name);
    if (!vol?.configMap) throw new Error(`${where}: volumeMount ${m.name} is not a ConfigMap volume`);
    const data = ref('ConfigMap', vol.configMap.name, false, `volumes[${vol.name}]`);
    // items project chosen keys to chosen paths; without items every key is a file of its name.
    const projected = vol.configMap.items
      ? vol.configMap.items.map((it) => [it.path, data[it.key]] as const)
      : Object.entries(data);
    for (const [path, content] of projected) {
      if (content === undefined)
        throw new Error(`${where}: volume ${vol.name}: ConfigMap ${vol.configMap.name} lacks a projected key`);
      if (m.subPath === undefined) files.set(`${m.mountPath}/${path}`, content);
      else if (m.subPath === path) files.set(m.mountPath, content);
    }
  }
  return { command: c.command ?? [], args: c.args ?? [], env, files };
}
