import { nameOf, ns } from '../kubeflow/facts.js';
import { perObjectRule } from '../templates.js';

export default perObjectRule(
  {
    id: 'gateway-credential-namespace',
    family: 'networking',
    severity: 'error',
    summary: "A Gateway's tls.credentialName Secret is created in a namespace other than the gateway workload's.",
    rationale:
      'Istio looks up credentialName in the namespace of the ingress gateway Deployment (istio-system), not of the Gateway object (kubeflow). A certificate issued elsewhere leaves the HTTPS listener without a certificate.',
    remediation:
      'Issue the Certificate (spec.secretName = credentialName) in the gateway workload namespace, istio-system for the default istio-ingressgateway.',
    messages: {
      wrongNamespace:
        'credentialName "{{name}}" is created in namespace {{namespaces}}, but the gateway workload runs in "{{workloadNamespace}}"',
    },
  },
  ['Gateway'],
  (gw, report, ctx) => {
    if (!String(gw.object.apiVersion).startsWith('networking.istio.io/')) return;
    const selector: Record<string, string> = gw.object.spec?.selector ?? {};
    // the namespace of a Deployment whose pod labels match the selector; istio-system otherwise
    const workloadNs =
      ctx.facts
        .kind('Deployment')
        .find(
          (d) =>
            Object.keys(selector).length > 0 &&
            Object.entries(selector).every(([k, v]) => d.object.spec?.template?.metadata?.labels?.[k] === v),
        )?.object.metadata?.namespace ?? 'istio-system';
    const holders = ctx.facts.kind('Secret').map((s) => ({ name: nameOf(s), ns: ns(s) }));
    for (const c of ctx.facts.kind('Certificate'))
      if (c.object.spec?.secretName) holders.push({ name: c.object.spec.secretName, ns: ns(c) });
    (gw.object.spec?.servers ?? []).forEach((s: any, i: number) => {
      const name = s?.tls?.credentialName;
      if (typeof name !== 'string') return;
      const nss = holders.filter((h) => h.name === name).map((h) => h.ns ?? 'default');
      if (nss.length && !nss.includes(workloadNs)) {
        report({
          path: ['spec', 'servers', i, 'tls', 'credentialName'],
          messageId: 'wrongNamespace',
          data: { name, namespaces: [...new Set(nss)].join(', '), workloadNamespace: workloadNs },
        });
      }
    });
  },
);
