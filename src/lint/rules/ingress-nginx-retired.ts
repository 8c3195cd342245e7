import type { Rule } from '../rule.js';
import { isKind } from '../kubeflow/facts.js';

const NGINX_ANNOTATION = 'nginx.ingress.kubernetes.io/';

const rule: Rule = {
  meta: {
    id: 'ingress-nginx-retired',
    family: 'networking',
    severity: 'warning',
    summary: 'An Ingress is served by ingress-nginx, which no longer receives releases or security fixes.',
    rationale:
      'Kubernetes SIG Network retired ingress-nginx: since March 2026 it gets no releases, bug fixes or security fixes. The controller is the first thing every request to Kubeflow passes through, so an unpatched vulnerability in it exposes the whole platform.',
    remediation:
      "Expose the Istio gateway without it: in kfgen, `ingress.kind: loadbalancer` (the gateway's own Service becomes the cloud load balancer, TLS at the gateway) on any platform, or `ingress.kind: alb` (the AWS Load Balancer Controller) on EKS.",
    messages: {
      servedByNginx:
        'served by ingress-nginx, which gets no releases or security fixes since March 2026; kfgen also exposes Kubeflow with ingress.kind: loadbalancer (any platform) or alb (EKS)',
    },
  },
  check(ctx) {
    for (const o of ctx.facts.kind('Ingress')) {
      if (!isKind(o, 'Ingress', 'networking.k8s.io')) continue;
      const cls = o.object.spec?.ingressClassName;
      const annotations = Object.keys(o.object.metadata?.annotations ?? {});
      const legacy = o.object.metadata?.annotations?.['kubernetes.io/ingress.class'];
      if (cls !== 'nginx' && legacy !== 'nginx' && !annotations.some((a) => a.startsWith(NGINX_ANNOTATION))) continue;
      ctx.report({
        on: o,
        path: cls === 'nginx' ? ['spec', 'ingressClassName'] : ['metadata', 'annotations'],
        messageId: 'servedByNginx',
      });
    }
  },
};
export default rule;
