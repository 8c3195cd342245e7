import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The API server's /openapi/v2 document as kubeconform's per-kind JSON schemas, the way
 * openapi2jsonschema builds the "-standalone-strict" sets kubeconform ships with: every `$ref`
 * inlined (a reference back into its own expansion, as in JSONSchemaProps, becomes `{}`), every
 * object with `properties` closed with `additionalProperties: false`, int-or-string and Quantity
 * as either type. Files are laid out for the template
 * `<dir>/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json` (kubeconform v0.8.0
 * puts the version in `.Group` for the core group: `v1/pod_v1.json`).
 */
export const KUBECONFORM_TEMPLATE = '{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json';

type Schema = Record<string, unknown>;

export function writeKubeconformSchemas(openapi: { definitions: Record<string, Schema> }, dir: string): number {
  const defs = openapi.definitions;
  let written = 0;
  for (const [name, def] of Object.entries(defs)) {
    const gvks =
      (def['x-kubernetes-group-version-kind'] as Array<{ group: string; version: string; kind: string }> | undefined) ??
      [];
    for (const gvk of gvks) {
      const schema = { $schema: 'http://json-schema.org/schema#', ...expand(def, defs, [name]) };
      const group = gvk.group || gvk.version;
      mkdirSync(join(dir, group), { recursive: true });
      writeFileSync(join(dir, group, `${gvk.kind.toLowerCase()}_${gvk.version}.json`), JSON.stringify(schema));
      written++;
    }
  }
  return written;
}

function expand(node: Schema, defs: Record<string, Schema>, stack: string[]): Schema;
function expand(node: unknown, defs: Record<string, Schema>, stack: string[]): unknown;
function expand(node: unknown, defs: Record<string, Schema>, stack: string[]): unknown {
  if (Array.isArray(node)) return node.map((n) => expand(n, defs, stack));
  if (!node || typeof node !== 'object') return node;
  const s = node as Schema;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/definitions/', '');
    if (stack.includes(name)) return {};
    if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity')
      return { oneOf: [{ type: 'string' }, { type: 'number' }] };
    if (name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString')
      return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    return expand(defs[name] ?? {}, defs, [...stack, name]);
  }
  if (s.format === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-')) continue;
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, expand(ps, defs, stack)]))
        : expand(v, defs, stack);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
