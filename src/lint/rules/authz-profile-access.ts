import type { PathSegment } from '../types.js';
import type { MessageData, Rule } from '../rule.js';
import { appliesTo, evaluate, namespaceOfPrincipal, witnessOf, type Policy, type Workload } from '../authz/index.js';
import { ROOT_NAMESPACE } from '../authz/model.js';
import { GATEWAY_PRINCIPAL, KFP_UI_PRINCIPAL, ownerPolicy, USERID_HEADER } from '../kubeflow/authz.js';
import { ns } from '../kubeflow/facts.js';
import { principalPath } from './authz-forged-userid.js';

const OUTSIDER = 'kfgen-probe-outsider@example.invalid';
const USERID_KEY = `request.headers[${USERID_HEADER}]`;

function valuePath(p: Policy, i: number, user: string): PathSegment[] {
  const when = p.rules?.[i]?.when ?? [];
  for (let j = 0; j < when.length; j++) {
    const k =
      when[j]!.key === USERID_KEY
        ? (when[j]!.values ?? []).findIndex(
            (v) => v === user || (v.includes('*') && witnessOf(v, 'kfgen-probe') === user),
          )
        : -1;
    if (k >= 0) return ['spec', 'rules', i, 'when', j, 'values', k];
  }
  return ['spec', 'rules', i];
}

/** Principal and source-namespace patterns the policies test, and whether any is a wildcard. */
function sourcePatterns(policies: Policy[]): { principals: Set<string>; namespaces: Set<string>; wildcard: boolean } {
  const principals = new Set<string>();
  const namespaces = new Set<string>();
  const add = (set: Set<string>, values: string[] | undefined) => values?.forEach((v) => set.add(v));
  for (const p of policies)
    for (const r of p.rules ?? []) {
      for (const f of r.from ?? []) {
        add(principals, f.source?.principals);
        add(principals, f.source?.notPrincipals);
        add(namespaces, f.source?.namespaces);
        add(namespaces, f.source?.notNamespaces);
      }
      for (const c of r.when ?? []) {
        if (c.key === 'source.principal') [c.values, c.notValues].forEach((v) => add(principals, v));
        if (c.key === 'source.namespace') [c.values, c.notValues].forEach((v) => add(namespaces, v));
      }
    }
  const wildcard = [...principals, ...namespaces].some((v) => v.includes('*'));
  return { principals, namespaces, wildcard };
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
    messages: {
      userAdmitted:
        'profile {{profile}} admits {{user}}, who is neither its owner nor a declared contributor (no RoleBinding with a user annotation), through {{front}} ({{policy}} rule {{rule}})',
      anyUserAdmitted: 'profile {{profile}} admits any user through {{front}} ({{policy}} rule {{rule}})',
      patternAdmitted:
        'profile {{profile}} admits every user matching "{{pattern}}" through {{front}} ({{policy}} rule {{rule}})',
      foreignAdmitted: 'profile {{profile}} admits {{principal}} from profile {{from}} ({{policy}} rule {{rule}})',
    },
  },
  check(ctx) {
    const mesh = ctx.facts.mesh;
    const profiles = mesh.profiles;
    if (profiles.length === 0) return;
    // Indexed once: at 10,000 profiles a scan of every binding, policy and principal per profile is quadratic.
    const profileNamespaces = new Set(profiles.map((p) => String(p.object.metadata.name)));
    const contributorsOf = new Map<string, string[]>();
    for (const b of ctx.facts.kind('RoleBinding')) {
      const a = b.object.metadata?.annotations ?? {};
      const where = ns(b);
      if (where === undefined || typeof a.user !== 'string' || !a.role) continue;
      const list = contributorsOf.get(where) ?? [];
      list.push(a.user);
      contributorsOf.set(where, list);
    }
    const policiesIn = new Map<string, Policy[]>();
    for (const p of mesh.policies) {
      const list = policiesIn.get(p.namespace) ?? [];
      list.push(p);
      policiesIn.set(p.namespace, list);
    }
    // Only a policy in the workload's namespace or the root namespace can apply to it (appliesTo).
    const meshWide = policiesIn.get(ROOT_NAMESPACE) ?? [];
    const order = new Map(mesh.policies.map((p, i) => [p, i]));
    const principalsOf = mesh.principals.map((pr) => ({ principal: pr, namespace: namespaceOfPrincipal(pr) }));
    // The accounts of profiles, in input order, and by namespace.
    const foreignIndex = new Map<string, number>();
    const byNamespace = new Map<string, string[]>();
    for (const x of principalsOf) {
      if (x.namespace === undefined || !profileNamespaces.has(x.namespace)) continue;
      foreignIndex.set(x.principal, foreignIndex.size);
      byNamespace.set(x.namespace, [...(byNamespace.get(x.namespace) ?? []), x.principal]);
    }
    for (const profile of profiles) {
      const namespace = String(profile.object.metadata.name);
      const owner = String(profile.object.spec?.owner?.name ?? '');
      const declared = new Set([owner, ...(contributorsOf.get(namespace) ?? [])]);
      const local = [...(namespace === ROOT_NAMESPACE ? [] : (policiesIn.get(namespace) ?? []))];
      if (!local.some((p) => p.name === 'ns-owner-access-istio')) local.push(ownerPolicy(profile));
      // In input order, as a scan of every policy would have them: the first matching ALLOW is the one reported.
      const policies = [...meshWide, ...local].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
      const workloads: Workload[] = [
        { namespace, labels: {} },
        ...local.filter((p) => p.matchLabels).map((p) => ({ namespace, labels: { ...p.matchLabels! } })),
      ];
      // each probe user, with the pattern it stands for when it is a wildcard's witness
      const users = new Map<string, string | undefined>([
        ...[...declared].map((u) => [u, undefined] as const),
        [OUTSIDER, undefined],
      ]);
      for (const p of local)
        for (const r of p.rules ?? [])
          for (const c of r.when ?? [])
            if (c.key === USERID_KEY)
              for (const v of c.values ?? [])
                if (!users.has(witnessOf(v, 'kfgen-probe')))
                  users.set(witnessOf(v, 'kfgen-probe'), v.includes('*') ? v : undefined);
      const own = new Set(byNamespace.get(namespace) ?? []);
      const isForeign = (pr: string) => foreignIndex.has(pr) && !own.has(pr);
      const allForeign = () => [...foreignIndex.keys()].filter((pr) => !own.has(pr));
      const seen = new Set<string>();
      const report = (p: Policy, path: PathSegment[], key: string, messageId: string, data: MessageData) => {
        if (seen.has(key) || !p.on || p.on === profile) return;
        seen.add(key);
        ctx.report({ on: p.on, path, messageId, data });
      };
      for (const w of workloads) {
        const applying = policies.filter((p) => appliesTo(p, w));
        for (const front of [GATEWAY_PRINCIPAL, KFP_UI_PRINCIPAL]) {
          for (const [user, pattern] of users) {
            if (declared.has(user)) continue;
            const d = evaluate(applying, w, {
              principal: front,
              path: '/',
              method: 'GET',
              headers: { [USERID_HEADER]: user },
            });
            if (!d.allowed || !d.policy) continue;
            report(
              d.policy,
              valuePath(d.policy, d.ruleIndex!, user),
              `${d.policy.name}|${d.ruleIndex}|${user}`,
              user === OUTSIDER ? 'anyUserAdmitted' : pattern ? 'patternAdmitted' : 'userAdmitted',
              {
                profile: namespace,
                user,
                pattern,
                front: front.split('/').pop(),
                policy: `${d.policy.namespace}/${d.policy.name}`,
                rule: d.ruleIndex,
              },
            );
          }
        }
        // A request differs between principals only through the principal and source-namespace patterns the
        // policies test. Principals that no exact pattern names are alike: one stands for all of them.
        // (At 10,000 profiles, evaluating every other profile's accounts for every profile is quadratic.)
        const pats = sourcePatterns(applying);
        let candidates: string[];
        let stand: string | undefined;
        const named = new Set<string>();
        if (pats.wildcard) candidates = allForeign();
        else {
          for (const pr of pats.principals) if (isForeign(pr)) named.add(pr);
          for (const n of pats.namespaces) for (const pr of byNamespace.get(n) ?? []) if (isForeign(pr)) named.add(pr);
          for (const pr of foreignIndex.keys())
            if (isForeign(pr) && !named.has(pr)) {
              stand = pr;
              break;
            }
          candidates = [...named, ...(stand ? [stand] : [])];
        }
        const admitted: Array<{ principal: string; d: ReturnType<typeof evaluate> }> = [];
        for (const principal of candidates) {
          const d = evaluate(applying, w, { principal, path: '/', method: 'GET' });
          if (!d.allowed || !d.policy) continue;
          if (principal !== stand) admitted.push({ principal, d });
          else for (const pr of allForeign()) if (!named.has(pr)) admitted.push({ principal: pr, d });
        }
        admitted.sort((x, y) => foreignIndex.get(x.principal)! - foreignIndex.get(y.principal)!);
        for (const { principal, d } of admitted) {
          if (!d.policy) continue;
          report(
            d.policy,
            principalPath(d.policy, d.ruleIndex!, principal),
            `${d.policy.name}|${d.ruleIndex}|${principal}`,
            'foreignAdmitted',
            {
              profile: namespace,
              principal,
              from: namespaceOfPrincipal(principal),
              policy: `${d.policy.namespace}/${d.policy.name}`,
              rule: d.ruleIndex,
            },
          );
        }
      }
    }
  },
};
export default rule;
