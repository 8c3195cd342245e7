import { perObjectRule } from '../templates.js';

/** Ingress class → the annotation prefix its controller reads. */
const CONTROLLER_PREFIX: Record<string, string> = {
  nginx: 'nginx.ingress.kubernetes.io/',
  alb: 'alb.ingress.kubernetes.io/',
  traefik: 'traefik.ingress.kubernetes.io/',
  'azure-application-gateway': 'appgw.ingress.kubernetes.io/',
  gce: 'ingress.gcp.kubernetes.io/',
  haproxy: 'haproxy.org/',
};

export default perObjectRule(
  {
    id: 'ingress-foreign-annotations',
    family: 'networking',
    severity: 'warning',
    summary: 'An Ingress carries annotations of a different ingress controller than its class.',
    rationale:
      "Controllers ignore other controllers' annotations, so e.g. `nginx.ingress.kubernetes.io/proxy-buffer-size` on an ALB Ingress does nothing and the setting you relied on is absent.",
    remediation: 'Use the annotations of the controller named by spec.ingressClassName (or change the class).',
    params: { controllerPrefixes: CONTROLLER_PREFIX },
    messages: {
      foreignAnnotation:
        'annotation "{{key}}" is for the {{controller}} controller, but this Ingress has class "{{ingressClass}}"',
    },
  },
  ['Ingress'],
  (ing, report) => {
    const ann: Record<string, unknown> = ing.object.metadata?.annotations ?? {};
    const cls = ing.object.spec?.ingressClassName ?? ann['kubernetes.io/ingress.class'];
    if (typeof cls !== 'string' || !(cls in CONTROLLER_PREFIX)) return;
    for (const key of Object.keys(ann)) {
      for (const [other, prefix] of Object.entries(CONTROLLER_PREFIX)) {
        if (other !== cls && key.startsWith(prefix))
          report({
            path: ['metadata', 'annotations', key],
            messageId: 'foreignAnnotation',
            data: { key, controller: other, ingressClass: cls },
          });
      }
    }
  },
);
