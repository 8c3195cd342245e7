import { annotationPresentRule } from '../templates.js';

export default annotationPresentRule(
  {
    id: 'ingress-class-annotation',
    family: 'networking',
    severity: 'warning',
    summary: 'An Ingress uses the deprecated `kubernetes.io/ingress.class` annotation.',
    rationale:
      'The annotation is deprecated since Kubernetes 1.18; newer controllers ignore it when spec.ingressClassName is absent, leaving the Ingress unserved.',
    remediation: 'Move the value to spec.ingressClassName and delete the annotation.',
    messages: {
      present: 'deprecated annotation kubernetes.io/ingress.class: "{{value}}"; use spec.ingressClassName: {{value}}',
    },
  },
  ['Ingress'],
  'kubernetes.io/ingress.class',
);
