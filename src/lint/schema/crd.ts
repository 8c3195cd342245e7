import type { ValidateFunction } from 'ajv';
import { compileCached } from '../../util/compiled-cache.js';
import type { FieldNode } from './field-tree.js';
import type { ParsedObject } from '../types.js';

interface CrdVersion {
  schema: Record<string, any>;
  validate?: ValidateFunction;
  tree?: FieldNode;
}

/** Schemas of custom resources, from the CRDs in the input and in `crdSources`. */
export class CrdIndex {
  private versions = new Map<string, CrdVersion>();

  add(objects: readonly ParsedObject[]): void {
    for (const { object } of objects) {
      if (object?.kind !== 'CustomResourceDefinition' || !String(object.apiVersion).startsWith('apiextensions.k8s.io/'))
        continue;
      const group = object.spec?.group;
      const kind = object.spec?.names?.kind;
      if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(object.spec?.versions)) continue;
      for (const v of object.spec.versions) {
        const schema = v?.schema?.openAPIV3Schema ?? object.spec.validation?.openAPIV3Schema;
        if (v?.name && schema && typeof schema === 'object')
          this.versions.set(`${group}/${v.name}/${kind}`, { schema });
      }
    }
  }

  has(apiVersion: string, kind: string): boolean {
    return this.versions.has(`${apiVersion}/${kind}`);
  }

  validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const v = this.versions.get(`${apiVersion}/${kind}`);
    if (!v) return undefined;
    if (!v.validate) {
      // Cached across processes: compiling a whole platform's CRD schemas takes seconds (src/util/compiled-cache.ts).
      v.validate = compileCached(
        { strict: false, allErrors: true, validateFormats: false, validateSchema: false },
        toJsonSchema(v.schema, true),
      );
    }
    return v.validate;
  }

  tree(apiVersion: string, kind: string): FieldNode | undefined {
    const v = this.versions.get(`${apiVersion}/${kind}`);
    if (!v) return undefined;
    v.tree ??= structural(v.schema);
    return v.tree;
  }
}

/** Turns a structural OpenAPI v3 schema into plain JSON Schema that ajv accepts. */
function toJsonSchema(s: any, root = false): any {
  if (!s || typeof s !== 'object') return s;
  if (Array.isArray(s)) return s.map((x) => toJsonSchema(x));
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'format' || k === 'nullable' || k === 'default' || k === 'example')
      continue;
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, toJsonSchema(pv)]));
    } else out[k] = typeof v === 'object' ? toJsonSchema(v) : v;
  }
  if (s['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (s.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  // metadata is validated by the API server, not the CRD; the CRD usually only says `type: object`
  if (root && out.properties?.metadata) out.properties.metadata = { type: 'object' };
  return out;
}

function structural(s: any): FieldNode {
  if (!s || typeof s !== 'object' || s['x-kubernetes-preserve-unknown-fields']) return 0;
  if (s.type === 'array') {
    const i = structural(s.items);
    return i === 0 ? 0 : { i };
  }
  const props = s.properties as Record<string, any> | undefined;
  const addl = s.additionalProperties;
  if (!props && (addl === undefined || addl === true || addl === false)) return 0;
  const node: { p?: Record<string, FieldNode>; m?: FieldNode } = {};
  if (props) node.p = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, structural(v)]));
  if (addl && typeof addl === 'object') node.m = structural(addl);
  else if (addl === true) node.m = 0;
  return node;
}
