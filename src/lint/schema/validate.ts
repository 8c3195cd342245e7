import { loadEmbeddedYaml } from '../../util/yaml-bounds.js';
import type { ErrorObject } from 'ajv';
import type { ParsedObject, PathSegment, LintOptions } from '../types.js';
import { CrdIndex } from './crd.js';
import { findUnknownFields, modelsOnlyEnvelope, type FieldNode } from './field-tree.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { modelFieldTree, modelValidator, objectMetaTree, type ModelError } from './models.js';
import { eksctlValidator } from './eksctl.js';
import { pointerToPath } from '../../util/json-pointer.js';

/** The schema-invalid rule's messages (its `meta.messages` lists exactly these). */
export type InvalidMessageId =
  | 'required'
  | 'type'
  | 'enum'
  | 'const'
  | 'schemaError'
  | 'noApiVersionKind'
  | 'awsAuthNotYaml'
  | 'awsAuthNotList'
  | 'awsAuthItemNotMapping'
  | 'awsAuthMissingField'
  | 'awsAuthGroupsNotList';
/** The schema-unknown-field rule's messages. */
export type UnknownFieldMessageId =
  | 'unknownField'
  | 'unknownFieldDidYouMean'
  | 'eksctlUnknownField'
  | 'eksctlUnknownFieldDidYouMean'
  | 'awsAuthUnknownField'
  | 'awsAuthUnknownFieldDidYouMean';
/** The schema-unknown-kind rule's messages. */
export type NoSchemaMessageId = 'noSchema' | 'noEksctlSchema';

/** One problem the schema pass found, reported by the rule of its kind with that rule's message by id. */
export type SchemaIssue = {
  on: ParsedObject;
  /** Values for the message's `{{placeholders}}`. */
  data?: Record<string, string | number>;
  path?: PathSegment[];
  innerLine?: number;
} & (
  | { kind: 'invalid'; messageId: InvalidMessageId }
  | { kind: 'unknown-field'; messageId: UnknownFieldMessageId }
  | { kind: 'no-schema'; messageId: NoSchemaMessageId }
);

/** The message of one validator error, by id, with its data (the field and source are added by the caller). */
function describe(err: ModelError | ErrorObject): { messageId: InvalidMessageId; data: Record<string, string> } {
  const p = err.params as Record<string, any>;
  switch (err.keyword) {
    case 'required':
      return { messageId: 'required', data: { property: String(p.missingProperty) } };
    case 'type':
      return { messageId: 'type', data: { type: Array.isArray(p.type) ? p.type.join(' or ') : String(p.type) } };
    case 'enum':
      return {
        messageId: 'enum',
        data: { values: (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ') },
      };
    case 'const':
      return { messageId: 'const', data: { value: String(JSON.stringify(p.allowedValue)) } };
    default:
      return {
        messageId: 'schemaError',
        data: { problem: err.message ?? `fails "${err.keyword}" (${JSON.stringify(p)})` },
      };
  }
}

function fieldLabel(path: PathSegment[]): string {
  return path.length
    ? path
        .map((s) => (typeof s === 'number' ? `[${s}]` : s))
        .join('.')
        .replace(/\.\[/g, '[')
    : '(object)';
}

function schemaErrors(
  on: ParsedObject,
  errors: readonly (ModelError | ErrorObject)[],
  source: string,
  out: SchemaIssue[],
): void {
  // anyOf/oneOf/if wrappers repeat what their branches said; keep the concrete errors
  const concrete = errors.filter((e) => !['anyOf', 'oneOf', 'if', 'not', 'additionalProperties'].includes(e.keyword));
  const list = concrete.length ? concrete : errors.filter((e) => e.keyword !== 'additionalProperties');
  const seen = new Set<string>();
  for (const err of list) {
    const path = pointerToPath(err.instancePath);
    const { messageId, data } = describe(err);
    const issue = { on, kind: 'invalid', messageId, data: { field: fieldLabel(path), ...data, source }, path } as const;
    const key = JSON.stringify([messageId, issue.data]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
    if (seen.size >= 8) break;
  }
}

function unknownFields(
  on: ParsedObject,
  value: unknown,
  node: FieldNode,
  defs: Record<string, FieldNode>,
  base: PathSegment[],
  out: SchemaIssue[],
): void {
  if (base.length === 0 && modelsOnlyEnvelope(node, defs)) return;
  for (const u of findUnknownFields(value, node, defs, base)) {
    const field = fieldLabel(u.path);
    out.push(
      u.suggestion
        ? {
            on,
            kind: 'unknown-field',
            messageId: 'unknownFieldDidYouMean',
            data: { field, suggestion: u.suggestion },
            path: u.path,
          }
        : { on, kind: 'unknown-field', messageId: 'unknownField', data: { field }, path: u.path },
    );
  }
}

const AWS_AUTH_KEYS: Record<string, { required: string; known: string[] }> = {
  mapRoles: { required: 'rolearn', known: ['rolearn', 'username', 'groups'] },
  mapUsers: { required: 'userarn', known: ['userarn', 'username', 'groups'] },
};

function checkAwsAuth(on: ParsedObject, out: SchemaIssue[]): void {
  const data = on.object.data ?? {};
  for (const [key, spec] of Object.entries(AWS_AUTH_KEYS)) {
    const text = data[key];
    if (text === undefined) continue;
    const path = ['data', key];
    let list: unknown;
    try {
      list = loadEmbeddedYaml(String(text));
    } catch (e) {
      const mark = (e as { mark?: { line: number } }).mark;
      out.push({
        on,
        kind: 'invalid',
        messageId: 'awsAuthNotYaml',
        data: { key, reason: (e as { reason?: string }).reason ?? 'parse error' },
        path,
        innerLine: mark?.line,
      });
      continue;
    }
    if (list == null) continue;
    if (!Array.isArray(list)) {
      out.push({ on, kind: 'invalid', messageId: 'awsAuthNotList', data: { key }, path });
      continue;
    }
    const lines = String(text).split('\n');
    let cursor = 0;
    list.forEach((item, i) => {
      // find the line where this list item starts, to point inside the block scalar
      while (cursor < lines.length && !/^\s*-/.test(lines[cursor]!)) cursor++;
      const innerLine = cursor < lines.length ? cursor : undefined;
      cursor++;
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        out.push({ on, kind: 'invalid', messageId: 'awsAuthItemNotMapping', data: { key, index: i }, path, innerLine });
        return;
      }
      if (!(spec.required in item))
        out.push({
          on,
          kind: 'invalid',
          messageId: 'awsAuthMissingField',
          data: { key, index: i, field: spec.required },
          path,
          innerLine,
        });
      for (const k of Object.keys(item)) {
        if (spec.known.includes(k)) continue;
        const s = didYouMean(k, spec.known);
        const at =
          innerLine === undefined
            ? -1
            : lines.findIndex(
                (l, n) => n >= innerLine && new RegExp(`^\\s*-?\\s*${k.replace(/[^\w-]/g, '.')}\\s*:`).test(l),
              );
        out.push({
          on,
          kind: 'unknown-field',
          ...(s
            ? { messageId: 'awsAuthUnknownFieldDidYouMean', data: { key, index: i, field: k, suggestion: s } }
            : { messageId: 'awsAuthUnknownField', data: { key, index: i, field: k } }),
          path,
          innerLine: at >= 0 ? at : innerLine,
        });
      }
      if (item.groups !== undefined && !Array.isArray(item.groups))
        out.push({ on, kind: 'invalid', messageId: 'awsAuthGroupsNotList', data: { key, index: i }, path, innerLine });
    });
  }
}

function checkEksctl(on: ParsedObject, options: LintOptions, out: SchemaIssue[]): boolean {
  const v = eksctlValidator(options.eksctlSchemaPath);
  if (!v) return false;
  if (v.validate(on.object)) return true;
  const errors = v.validate.errors ?? [];
  for (const err of errors) {
    if (err.keyword !== 'additionalProperties') continue;
    const path = [...pointerToPath(err.instancePath), String(err.params.additionalProperty)];
    const known = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const s = didYouMean(String(err.params.additionalProperty), known);
    out.push({
      on,
      kind: 'unknown-field',
      ...(s
        ? { messageId: 'eksctlUnknownFieldDidYouMean', data: { field: fieldLabel(path), suggestion: s } }
        : { messageId: 'eksctlUnknownField', data: { field: fieldLabel(path) } }),
      path,
    });
  }
  schemaErrors(on, errors, 'eksctl schema', out);
  return true;
}

/** Schema validation of every object: models for built-ins, CRD schemas for custom resources. */
export async function runSchemaPass(
  objects: readonly ParsedObject[],
  options: LintOptions,
  extraCrds: readonly ParsedObject[],
): Promise<SchemaIssue[]> {
  const out: SchemaIssue[] = [];
  const crds = new CrdIndex();
  crds.add(extraCrds);
  crds.add(objects);
  const meta = await objectMetaTree();
  const reportedNoSchema = new Set<string>();
  const noSchema = (on: ParsedObject) => {
    const key = `${on.object.apiVersion}/${on.object.kind}`;
    if (reportedNoSchema.has(key)) return;
    reportedNoSchema.add(key);
    out.push({
      on,
      kind: 'no-schema',
      messageId: on.object.kind === 'ClusterConfig' ? 'noEksctlSchema' : 'noSchema',
      data: { kind: on.object.kind, apiVersion: on.object.apiVersion },
      path: ['kind'],
    });
  };
  for (const on of objects) {
    const o = on.object;
    const apiVersion = o.apiVersion;
    const kind = o.kind;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      out.push({ on, kind: 'invalid', messageId: 'noApiVersionKind', path: [] });
      continue;
    }
    // eksctl's ClusterConfig has its own metadata (region, version), checked by its schema
    if (apiVersion === 'eksctl.io/v1alpha5' && kind === 'ClusterConfig') {
      if (!checkEksctl(on, options, out)) noSchema(on);
      continue;
    }
    if (o.metadata !== undefined) unknownFields(on, o.metadata, meta.node, meta.trees.defs, ['metadata'], out);
    if (apiVersion === 'v1' && kind === 'ConfigMap' && o.metadata?.name === 'aws-auth') checkAwsAuth(on, out);
    // CRD first: it is what the target cluster will actually enforce
    const crdValidate = crds.validator(apiVersion, kind);
    if (crdValidate) {
      if (!crdValidate(o)) schemaErrors(on, crdValidate.errors ?? [], 'CRD schema', out);
      const tree = crds.tree(apiVersion, kind)!;
      // apiVersion/kind/metadata are the API server's, whether or not the CRD lists them
      const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = o;
      unknownFields(on, rest, tree, {}, [], out);
      continue;
    }
    const validate = await modelValidator(apiVersion, kind);
    if (validate) {
      const errors = validate(o);
      if (errors) schemaErrors(on, errors, 'schema', out);
      const ft = await modelFieldTree(apiVersion, kind);
      if (ft) {
        const { metadata: _m, ...rest } = o;
        unknownFields(on, rest, ft.root ? ft.trees.roots[ft.root]! : 0, ft.trees.defs, [], out);
      }
      continue;
    }
    noSchema(on);
  }
  return out;
}
