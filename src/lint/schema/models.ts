import type { FieldNode, FieldTrees } from './field-tree.js';

export interface ModelError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export type ModelValidator = (obj: unknown) => ModelError[] | null;

interface Family {
  package: string;
  trees: () => Promise<FieldTrees>;
}

// Which published model package knows an API group; imported per kind, lazily, because importing
// a package root costs about half a second.
function familyOf(group: string): Family | null {
  if (group === '' || group.endsWith('.k8s.io') || !group.includes('.')) {
    return { package: 'kubernetes-models', trees: async () => (await import('./generated/k8s-fields.js')).default };
  }
  if (group.endsWith('istio.io')) {
    return {
      package: '@kubernetes-models/istio',
      trees: async () => (await import('./generated/istio-fields.js')).default,
    };
  }
  if (group.endsWith('cert-manager.io')) {
    return {
      package: '@kubernetes-models/cert-manager',
      trees: async () => withCertManagerV114((await import('./generated/cert-manager-fields.js')).default),
    };
  }
  return null;
}

/**
 * Fields of cert-manager v1.14.5 (the version kubeflow/manifests v1.9.1 installs; its CRDs in
 * common/cert-manager list them) that @kubernetes-models/cert-manager 4.4.4 predates: without them
 * the unknown-field pass refuses what the cluster accepts. `[]` steps into array items.
 */
const CERT_MANAGER_V114_FIELDS: Array<[root: string, path: string[], field: string]> = [
  ['cert-manager.io/v1/ClusterIssuer', ['spec', 'acme', 'solvers', '[]', 'http01', 'ingress'], 'ingressClassName'],
  ['cert-manager.io/v1/Issuer', ['spec', 'acme', 'solvers', '[]', 'http01', 'ingress'], 'ingressClassName'],
];

function withCertManagerV114(trees: FieldTrees): FieldTrees {
  for (const [root, path, field] of CERT_MANAGER_V114_FIELDS) {
    let node: FieldNode | undefined = trees.roots[root];
    for (const step of path) {
      while (typeof node === 'string') node = trees.defs[node];
      node = node ? (step === '[]' ? node.i : node.p?.[step]) : undefined;
    }
    while (typeof node === 'string') node = trees.defs[node];
    if (node && typeof node === 'object' && node.p) node.p[field] = 0;
  }
  return trees;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i === -1
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

const validators = new Map<string, Promise<ModelValidator | null>>();

export function modelValidator(apiVersion: string, kind: string): Promise<ModelValidator | null> {
  const key = `${apiVersion}/${kind}`;
  let hit = validators.get(key);
  if (!hit) {
    hit = loadValidator(apiVersion, kind);
    validators.set(key, hit);
  }
  return hit;
}

async function loadValidator(apiVersion: string, kind: string): Promise<ModelValidator | null> {
  const { group, version } = splitApiVersion(apiVersion);
  const fam = familyOf(group);
  if (!fam || !/^[A-Za-z0-9]+$/.test(kind) || !/^[a-z0-9]+$/.test(version)) return null;
  const spec = group === '' ? `${fam.package}/v1/${kind}` : `${fam.package}/${group}/${version}/${kind}`;
  let mod: Record<string, any>;
  try {
    mod = await import(spec);
  } catch {
    return null;
  }
  const cls = mod[kind];
  if (typeof cls?.prototype?.validate !== 'function' || cls.apiVersion !== apiVersion) return null;
  // The model's validate() only reads `this`, so it runs on the parsed object without a copy.
  return (obj: unknown) => {
    try {
      cls.prototype.validate.call(obj);
      return null;
    } catch (e) {
      const errors = (e as { errors?: ModelError[] }).errors;
      if (!Array.isArray(errors)) throw e;
      const real = errors.filter((err) => !isWrappedBase64(obj, err));
      return real.length ? real : null;
    }
  };
}

export async function modelFieldTree(
  apiVersion: string,
  kind: string,
): Promise<{ trees: FieldTrees; root: string } | null> {
  const fam = familyOf(splitApiVersion(apiVersion).group);
  if (!fam) return null;
  const trees = await fam.trees();
  const key = `${apiVersion}/${kind}`;
  return key in trees.roots ? { trees, root: key } : null;
}

export async function objectMetaTree(): Promise<{ trees: FieldTrees; node: string }> {
  const trees = (await import('./generated/k8s-fields.js')).default;
  return { trees, node: 'apimachinery/apis/meta/v1/ObjectMeta#IObjectMeta' };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * kustomize writes long Secret values as base64 wrapped at 76 columns; the API server's decoder
 * skips the line breaks, so only the model's stricter "byte" format rejects them.
 */
function isWrappedBase64(obj: unknown, err: ModelError): boolean {
  const e = err as { keyword?: string; params?: { format?: string }; instancePath?: string };
  if (e.keyword !== 'format' || e.params?.format !== 'byte' || !e.instancePath) return false;
  let v: unknown = obj;
  for (const seg of e.instancePath.split('/').slice(1))
    v = (v as Record<string, unknown> | undefined)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  return typeof v === 'string' && BASE64.test(v.replace(/\s+/g, ''));
}
