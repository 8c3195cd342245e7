/**
 * Typed templates for rules that are mostly data (kube-linter style): the rule file supplies the
 * data, the template supplies the walking.
 */
import type { ParsedObject, PathSegment, RuleMeta } from './types.js';
import type { ReportBody, Rule, RuleContext } from './rule.js';

/** Runs `visit` on every object of the given kinds. */
export function perObjectRule(
  meta: RuleMeta,
  kinds: string[],
  visit: (o: ParsedObject, report: (r: ReportBody) => void, ctx: RuleContext) => void,
): Rule {
  return {
    meta,
    check(ctx) {
      for (const kind of kinds) for (const o of ctx.facts.kind(kind)) visit(o, (r) => ctx.report({ on: o, ...r }), ctx);
    },
  };
}

/** Flags an annotation by key (e.g. a deprecated one) on the given kinds, by its `present` message (`{{value}}` the value). */
export function annotationPresentRule(
  meta: RuleMeta & { messages: { present: string } },
  kinds: string[],
  key: string,
): Rule {
  return perObjectRule(meta, kinds, (o, report) => {
    const v = o.object.metadata?.annotations?.[key];
    if (v !== undefined)
      report({ messageId: 'present', data: { value: String(v) }, path: ['metadata', 'annotations', key] });
  });
}

export interface PodSpecView {
  /** Path of the pod spec (or PodDefault spec) inside the object. */
  path: PathSegment[];
  volumes: any[];
  containers: Array<{ path: PathSegment[]; c: any }>;
}

/** Pod specs inside workloads, plus Kubeflow PodDefaults, which inject the same fields. */
export function podSpecs(o: ParsedObject): PodSpecView[] {
  const obj = o.object;
  const kind = obj.kind;
  let path: PathSegment[] | undefined;
  if (kind === 'Pod') path = ['spec'];
  else if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'].includes(kind))
    path = ['spec', 'template', 'spec'];
  else if (kind === 'CronJob') path = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  else if (kind === 'PodDefault') {
    const s = obj.spec ?? {};
    return [
      {
        path: ['spec'],
        volumes: s.volumes ?? [],
        containers: [{ path: ['spec'], c: { env: s.env, volumeMounts: s.volumeMounts } }],
      },
    ];
  }
  if (!path) return [];
  let spec: any = obj;
  for (const p of path) spec = spec?.[p];
  if (!spec || typeof spec !== 'object') return [];
  const containers: PodSpecView['containers'] = [];
  for (const field of ['initContainers', 'containers']) {
    (spec[field] ?? []).forEach((c: any, i: number) => containers.push({ path: [...path!, field, i], c }));
  }
  return [{ path, volumes: Array.isArray(spec.volumes) ? spec.volumes : [], containers }];
}

export const POD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'ReplicationController',
  'CronJob',
  'PodDefault',
];
