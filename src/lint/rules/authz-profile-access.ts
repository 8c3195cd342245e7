import type { PathSegment } from '../types.js';
import type { Rule } from '../rule.js';
import { appliesTo, evaluate, namespaceOfPrincipal, witnessOf, type Policy, type Workload } from '../authz/index.js';
import { GATEWAY_PRINCIPAL, KFP_UI_PRINCIPAL, ownerPolicy, USERID_HEADER } from '../kubeflow/authz.js';
import { ns } from '../kubeflow/facts.js';
import { principalPath } from './authz-forged-userid.js';

const OUTSIDER = 'kfgen-probe-outsider@example.invalid';
const USERID_KEY = `request.headers[${USERID_HEADER}]`;

function valuePath(p: Policy, i: number, user: string): PathSegment[] {
  const when = p.rules?.[i]?.when ?? [];
  for (let j = 0; j < when.length; j++) {
    const k =
      when[j]!.key === USERID_KEY ? (when[j]!.values ?? []).findIndex((v) => v === user || (v.includes('*') && witnessOf(v, 'kfgen-probe') === user)) : -1;
    if (k >= 0) return ['spec', 'rules', i, 'when', j, 'values', k];
  }
  return ['spec', 'rules', i];
}

const rule: Rule = {
  meta: {
    id: 'authz-profile-access',
    family: 'tenancy',
    severity: 'error',
    summary:
      "A profile namespace's AuthorizationPolicies admit a user other than the Profile's owner and its declared contributors, or workloads of another profile.",
    rationale: `Profiles isolate teams: the profile controller's ns-owner-access-istio admits the owner's ${USERID_HEADER} through the gateway and the Pipelines UI, and KFAM adds one policy per contributor, paired with a RoleBinding of the same name. A policy that admits anyone else (a wildcard, a missing header condition, a user without a RoleBinding, another profile's ServiceAccount) opens the namespace's notebooks and services to them. Evaluated with the authorization model, with ns-owner-access-istio as the controller writes it when the input does not contain it.`,
    remediation:
      "Admit users only through the dashboard's contributor flow (or kfgen's `tenancy` config), which writes the RoleBinding and AuthorizationPolicy pair; admit other profiles' workloads only without the user header and only where needed.",
  },
  check(ctx) {
    const mesh = ctx.facts.mesh;
    const profiles = mesh.profiles;
    if (profiles.length === 0) return;
    const profileNamespaces = new Set(profiles.map((p) => String(p.object.metadata.name)));
    for (const profile of profiles) {
      const namespace = String(profile.object.metadata.name);
      const owner = String(profile.object.spec?.owner?.name ?? '');
      const declared = new Set([owner]);
      for (const b of ctx.facts.kind('RoleBinding')) {
        const a = b.object.metadata?.annotations ?? {};
        if (ns(b) === namespace && typeof a.user === 'string' && a.role) declared.add(a.user);
      }
      const policies = [...mesh.policies];
      if (!policies.some((p) => p.namespace === namespace && p.name === 'ns-owner-access-istio')) policies.push(ownerPolicy(profile));
      const local = policies.filter((p) => p.namespace === namespace);
      const workloads: Workload[] = [
        { namespace, labels: {} },
        ...local.filter((p) => p.matchLabels).map((p) => ({ namespace, labels: { ...p.matchLabels! } })),
      ];
      // each probe user, with the pattern it stands for when it is a wildcard's witness
      const users = new Map<string, string | undefined>([...[...declared].map((u) => [u, undefined] as const), [OUTSIDER, undefined]]);
      for (const p of local)
        for (const r of p.rules ?? [])
          for (const c of r.when ?? [])
            if (c.key === USERID_KEY)
              for (const v of c.values ?? [])
                if (!users.has(witnessOf(v, 'kfgen-probe'))) users.set(witnessOf(v, 'kfgen-probe'), v.includes('*') ? v : undefined);
      const foreign = mesh.principals.filter((pr) => {
        const n = namespaceOfPrincipal(pr);
        return n !== undefined && n !== namespace && profileNamespaces.has(n);
      });
      const seen = new Set<string>();
      const report = (p: Policy, i: number, path: PathSegment[], key: string, message: string) => {
        if (seen.has(key) || !p.on || p.on === profile) return;
        seen.add(key);
        ctx.report({ on: p.on, path, message });
      };
      for (const w of workloads) {
        const applying = policies.filter((p) => appliesTo(p, w));
        for (const front of [GATEWAY_PRINCIPAL, KFP_UI_PRINCIPAL]) {
          for (const [user, pattern] of users) {
            if (declared.has(user)) continue;
            const d = evaluate(applying, w, { principal: front, path: '/', method: 'GET', headers: { [USERID_HEADER]: user } });
            if (!d.allowed || !d.policy) continue;
            const shown =
              user === OUTSIDER
                ? 'any user'
                : pattern
                  ? `every user matching "${pattern}"`
                  : `${user}, who is neither its owner nor a declared contributor (no RoleBinding with a user annotation),`;
            report(
              d.policy,
              d.ruleIndex!,
              valuePath(d.policy, d.ruleIndex!, user),
              `${d.policy.name}|${d.ruleIndex}|${user}`,
              `profile ${namespace} admits ${shown} through ${front.split('/').pop()} (${d.policy.namespace}/${d.policy.name} rule ${d.ruleIndex})`,
            );
          }
        }
        for (const principal of foreign) {
          const d = evaluate(applying, w, { principal, path: '/', method: 'GET' });
          if (!d.allowed || !d.policy) continue;
          report(
            d.policy,
            d.ruleIndex!,
            principalPath(d.policy, d.ruleIndex!, principal),
            `${d.policy.name}|${d.ruleIndex}|${principal}`,
            `profile ${namespace} admits ${principal} from profile ${namespaceOfPrincipal(principal)} (${d.policy.namespace}/${d.policy.name} rule ${d.ruleIndex})`,
          );
        }
      }
    }
  },
};
export default rule;
