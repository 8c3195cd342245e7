import type { Rule } from '../rule.js';
import { evaluate } from '../authz/index.js';
import { USERID_HEADER } from '../kubeflow/authz.js';

const rule: Rule = {
  meta: {
    id: 'authz-gateway-lockout',
    family: 'auth',
    severity: 'error',
    summary: `The caller that must reach a ${USERID_HEADER} workload with the header (the ingress gateway for the web apps, ml-pipeline-ui for ml-pipeline, the dashboard for KFAM) is denied.`,
    rationale: `Every browser request arrives through the ingress gateway carrying ${USERID_HEADER} (and the Authorization header oauth2-proxy forwards). A policy that admits the gateway only without the header, like the widely copied variant that merges the gateway principal into upstream's "no ${USERID_HEADER}" rule, locks every user out; the UI shows RBAC: access denied.`,
    remediation: `Keep upstream's first rule: the front principal admitted with no condition.`,
    messages: {
      lockedOut:
        '{{front}} ({{frontPrincipal}}) cannot reach {{workload}} with {{header}} set: {{why}}; every user is locked out',
    },
  },
  check(ctx) {
    const mesh = ctx.facts.mesh;
    for (const { w, workload, applying } of mesh.guardedWorkloads()) {
      const req = {
        principal: w.front,
        path: '/',
        method: 'GET',
        headers: { [USERID_HEADER]: 'user@example.com', authorization: 'Bearer kfgen-probe' },
      };
      const d = evaluate(applying, workload, req);
      if (d.allowed) continue;
      const own = (d.allowPolicies ?? []).find((p) => p.matchLabels) ?? d.policy ?? d.allowPolicies?.[0];
      if (!own?.on) continue;
      const why =
        d.reason === 'deny-policy'
          ? `DENY policy ${d.policy!.namespace}/${d.policy!.name} rule ${d.ruleIndex} matches`
          : `no rule of ${(d.allowPolicies ?? []).map((p) => `${p.namespace}/${p.name}`).join(', ')} admits it`;
      ctx.report({
        on: own.on,
        path: d.reason === 'deny-policy' ? ['spec', 'rules', d.ruleIndex!] : own.rules ? ['spec', 'rules'] : ['spec'],
        messageId: 'lockedOut',
        data: { front: w.frontName, frontPrincipal: w.front, workload: w.name, header: USERID_HEADER, why },
      });
    }
  },
};
export default rule;
