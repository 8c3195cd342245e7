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
        '{{front}} ({{frontPrincipal}}) cannot reach {{workload}} with {{header}} set: no rule of {{policies}} admits it; every user is locked out',
      lockedOutByDeny:
        '{{front}} ({{frontPrincipal}}) cannot reach {{workload}} with {{header}} set: DENY policy {{policy}} rule {{rule}} matches; every user is locked out',
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
      const data = { front: w.frontName, frontPrincipal: w.front, workload: w.name, header: USERID_HEADER };
      const denied = d.reason === 'deny-policy';
      ctx.report({
        on: own.on,
        path: denied ? ['spec', 'rules', d.ruleIndex!] : own.rules ? ['spec', 'rules'] : ['spec'],
        ...(denied
          ? {
              messageId: 'lockedOutByDeny',
              data: { ...data, policy: `${d.policy!.namespace}/${d.policy!.name}`, rule: d.ruleIndex },
            }
          : {
              messageId: 'lockedOut',
              data: { ...data, policies: (d.allowPolicies ?? []).map((p) => `${p.namespace}/${p.name}`).join(', ') },
            }),
      });
    }
  },
};
export default rule;
