import type { PathSegment } from '../types.js';
import type { Rule } from '../rule.js';
import { allowWitnesses, evaluate, type Policy } from '../authz/index.js';
import { USERID_HEADER } from '../kubeflow/authz.js';

/** Where the admitting rule lists the principal literally, to point the finding at that line. */
export function principalPath(p: Policy, ruleIndex: number, principal: string | undefined): PathSegment[] {
  const from = p.rules?.[ruleIndex]?.from ?? [];
  for (let j = 0; j < from.length; j++) {
    const k = from[j]?.source?.principals?.indexOf(principal ?? '') ?? -1;
    if (k >= 0) return ['spec', 'rules', ruleIndex, 'from', j, 'source', 'principals', k];
  }
  return ['spec', 'rules', ruleIndex];
}

const PROBE_USER = 'admin@example.com';

const rule: Rule = {
  meta: {
    id: 'authz-forged-userid',
    family: 'auth',
    severity: 'error',
    summary: `A workload that trusts the ${USERID_HEADER} header (Pipelines UI and API, dashboard, web apps, KFAM) admits a caller other than its trusted proxy with that header set.`,
    rationale: `These services take ${USERID_HEADER} as the caller's identity without checking it; only the ingress gateway (after oauth2-proxy and the RequestAuthentication set it) or the proxy upstream admits (ml-pipeline-ui for ml-pipeline, the dashboard for KFAM) may send it. Any other principal the AuthorizationPolicies admit with the header present can act as any user, the admin included. Evaluated with the authorization model: a request from each ServiceAccount the input creates, each principal the policies name, and a plaintext caller, with the header set.`,
    remediation: `Admit other principals only without the header (upstream's rule: \`request.headers[${USERID_HEADER}]\` notValues ["*"]); bearer-token clients need no principal in the gateway's rule.`,
    messages: {
      forgeable:
        '{{workload}} trusts {{header}}, but {{principal}} is admitted with it set ({{policy}} rule {{rule}}): it can act as any user',
      forgeablePlaintext:
        '{{workload}} trusts {{header}}, but a plaintext (non-mesh) caller is admitted with it set ({{policy}} rule {{rule}}): it can act as any user',
      forgeableNoAllowPolicy:
        '{{workload}} trusts {{header}}, but {{principal}} is admitted with it set (no ALLOW policy applies): it can act as any user',
      forgeablePlaintextNoAllowPolicy:
        '{{workload}} trusts {{header}}, but a plaintext (non-mesh) caller is admitted with it set (no ALLOW policy applies): it can act as any user',
    },
  },
  check(ctx) {
    const mesh = ctx.facts.mesh;
    for (const { w, workload, applying } of mesh.guardedWorkloads()) {
      const trusted = new Set(w.trusted);
      const candidates = [
        ...mesh.principals,
        ...applying.flatMap((p) =>
          (p.rules ?? []).flatMap((r) => (r.from ?? []).flatMap((f) => f.source?.principals ?? [])),
        ),
        undefined,
      ];
      const seen = new Set<string>();
      for (const withAuth of [false, true]) {
        const base = {
          path: '/',
          method: 'GET',
          headers: { [USERID_HEADER]: PROBE_USER, ...(withAuth ? { authorization: 'Bearer kfgen-probe' } : {}) },
        };
        for (const req of allowWitnesses(applying, base, candidates)) {
          if (req.principal !== undefined && trusted.has(req.principal)) continue;
          if (!req.headers?.[USERID_HEADER]) continue;
          const d = evaluate(applying, workload, req);
          if (!d.allowed) continue;
          const policy = d.policy && `${d.policy.namespace}/${d.policy.name}`;
          const key = JSON.stringify([policy, d.ruleIndex, req.principal]);
          if (seen.has(key)) continue;
          seen.add(key);
          const on = d.policy?.on ?? applying[0]!.on!;
          const path = d.policy ? principalPath(d.policy, d.ruleIndex!, req.principal) : ['spec'];
          const plaintext = req.principal === undefined;
          ctx.report({
            on,
            path,
            messageId: plaintext
              ? policy
                ? 'forgeablePlaintext'
                : 'forgeablePlaintextNoAllowPolicy'
              : policy
                ? 'forgeable'
                : 'forgeableNoAllowPolicy',
            data: { workload: w.name, header: USERID_HEADER, principal: req.principal, policy, rule: d.ruleIndex },
          });
        }
      }
    }
  },
};
export default rule;
