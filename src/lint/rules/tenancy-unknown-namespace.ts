import type { Rule } from '../rule.js';
import { ns } from '../kubeflow/facts.js';

const PRINCIPAL = /^cluster\.local\/ns\/([^/]+)\/sa\/[^/]+$/;

const rule: Rule = {
  meta: {
    id: 'tenancy-unknown-namespace',
    family: 'tenancy',
    severity: 'error',
    summary:
      'A principal, ServiceAccount subject or contributor binding points at a namespace that no Namespace or Profile in the input creates.',
    rationale:
      "Profile namespaces are named after the Profile (`kubeflow-username`), not the user's email (`kubeflow-user-example-com` is only the upstream example). An AuthorizationPolicy principal or RoleBinding subject in a namespace that never exists silently grants nothing. Checked only when the input creates namespaces (a full build).",
    remediation: 'Use the namespace of the Profile that owns the workload, or add the Profile.',
    messages: {
      principalNamespace:
        'principal "{{principal}}" is in namespace "{{namespace}}", which no Namespace or Profile creates',
      sourceNamespace: 'source namespace "{{namespace}}" is created by no Namespace or Profile',
      subjectNamespace:
        'subject ServiceAccount {{namespace}}/{{name}} is in a namespace no Namespace or Profile creates',
      contributorNamespace:
        'contributor {{kind}} for {{user}} is in namespace "{{namespace}}", which no Profile creates',
    },
  },
  check(ctx) {
    const known = ctx.facts.knownNamespaces;
    if (!known) return;
    for (const ap of ctx.facts.kind('AuthorizationPolicy')) {
      (ap.object.spec?.rules ?? []).forEach((r: any, i: number) =>
        (r?.from ?? []).forEach((f: any, j: number) => {
          (f?.source?.principals ?? []).forEach((p: unknown, k: number) => {
            const m = typeof p === 'string' ? PRINCIPAL.exec(p) : null;
            if (m && !known.has(m[1]!))
              ctx.report({
                on: ap,
                path: ['spec', 'rules', i, 'from', j, 'source', 'principals', k],
                messageId: 'principalNamespace',
                data: { principal: p, namespace: m[1] },
              });
          });
          (f?.source?.namespaces ?? []).forEach((n: unknown, k: number) => {
            if (typeof n === 'string' && !n.includes('*') && !known.has(n))
              ctx.report({
                on: ap,
                path: ['spec', 'rules', i, 'from', j, 'source', 'namespaces', k],
                messageId: 'sourceNamespace',
                data: { namespace: n },
              });
          });
        }),
      );
    }
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const b of ctx.facts.kind(kind)) {
        (b.object.subjects ?? []).forEach((s: any, i: number) => {
          if (s?.kind === 'ServiceAccount' && typeof s.namespace === 'string' && !known.has(s.namespace)) {
            ctx.report({
              on: b,
              path: ['subjects', i, 'namespace'],
              messageId: 'subjectNamespace',
              data: { namespace: s.namespace, name: s.name },
            });
          }
        });
      }
    }
    // contributor bindings (KFAM style) live in the profile namespace
    for (const kind of ['RoleBinding', 'AuthorizationPolicy']) {
      for (const b of ctx.facts.kind(kind)) {
        const a = b.object.metadata?.annotations ?? {};
        const n = ns(b);
        if (a.user && a.role && n && !known.has(n))
          ctx.report({
            on: b,
            path: ['metadata', 'namespace'],
            messageId: 'contributorNamespace',
            data: { kind, user: a.user, namespace: n },
          });
      }
    }
  },
};
export default rule;
