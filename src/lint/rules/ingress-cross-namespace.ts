import { GATEWAY_NAMESPACE, GATEWAY_SERVICE } from '../../kubeflow/gateway.js';
import type { ParsedObject, PathSegment } from '../types.js';
import { nameOf, ns } from '../kubeflow/facts.js';
import { perObjectRule } from '../templates.js';

export default perObjectRule(
  {
    id: 'ingress-cross-namespace',
    family: 'networking',
    severity: 'error',
    summary: 'An Ingress points at a backend Service or TLS Secret that exists only in another namespace.',
    rationale:
      "Ingress backends and tls secretName resolve in the Ingress's own namespace. Kubeflow's entry Service is istio-system/istio-ingressgateway, so an Ingress in `kubeflow` gets 503s and a default certificate.",
    remediation:
      'Put the Ingress in the namespace of its backend (istio-system for istio-ingressgateway) and issue the certificate Secret there.',
    messages: {
      backendElsewhere:
        'backend Service "{{name}}" is in namespace {{namespaces}}, not in the Ingress namespace "{{namespace}}"',
      tlsSecretElsewhere:
        'TLS secret "{{name}}" is created in namespace {{namespaces}}, not in the Ingress namespace "{{namespace}}"',
    },
  },
  ['Ingress'],
  (ing, report, ctx) => {
    const here = ns(ing) ?? 'default';
    const where = (objs: ParsedObject[], name: string) =>
      objs.filter((o) => nameOf(o) === name).map((o) => ns(o) ?? 'default');
    const services = ctx.facts.kind('Service');
    const checkBackend = (backend: any, path: PathSegment[]) => {
      const name = backend?.service?.name ?? backend?.serviceName;
      if (typeof name !== 'string') return;
      const found = where(services, name);
      const known = found.length > 0 ? found : name === GATEWAY_SERVICE ? [GATEWAY_NAMESPACE] : [];
      if (known.length && !known.includes(here))
        report({
          path,
          messageId: 'backendElsewhere',
          data: { name, namespaces: known.join(', '), namespace: here },
        });
    };
    checkBackend(ing.object.spec?.defaultBackend, ['spec', 'defaultBackend']);
    (ing.object.spec?.rules ?? []).forEach((r: any, i: number) =>
      (r?.http?.paths ?? []).forEach((p: any, j: number) =>
        checkBackend(p?.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']),
      ),
    );
    const secretHolders = [...ctx.facts.kind('Secret').map((s) => ({ name: nameOf(s), ns: ns(s) ?? 'default' }))];
    for (const c of ctx.facts.kind('Certificate'))
      if (c.object.spec?.secretName) secretHolders.push({ name: c.object.spec.secretName, ns: ns(c) ?? 'default' });
    (ing.object.spec?.tls ?? []).forEach((t: any, i: number) => {
      const name = t?.secretName;
      if (typeof name !== 'string') return;
      const nss = secretHolders.filter((s) => s.name === name).map((s) => s.ns);
      if (nss.length && !nss.includes(here))
        report({
          path: ['spec', 'tls', i, 'secretName'],
          messageId: 'tlsSecretElsewhere',
          data: { name, namespaces: [...new Set(nss)].join(', '), namespace: here },
        });
    });
  },
);
