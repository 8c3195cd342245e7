import type { FieldTrees } from './field-tree.js';

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
    return { package: '@kubernetes-models/istio', trees: async () => (await import('./generated/istio-fields.js')).default };
  }
  if (group.endsWith('cert-manager.io')) {
    return { package: '@kubernetes-models/cert-manager', trees: async () => (await import('./generated/cert-manager-fields.js')).default };
  }
  return null;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
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
      if (Array.isArray(errors)) return errors;
      throw e;
    }
  };
}

export async function modelFieldTree(apiVersion: string, kind: string): Promise<{ trees: FieldTrees; root: string } | null> {
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
