import { EKS, type CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    { name: 'internal on EKS', config: { ingress: { kind: 'loadbalancer', scheme: 'internal' }, platform: EKS } },
  ],
  invalid: [
    {
      name: 'a scheme for nginx',
      config: { ingress: { kind: 'nginx', scheme: 'internal' } },
      errors: [{ messageId: 'unused', path: 'ingress.scheme', message: 'with "nginx"' }],
    },
    {
      name: 'internal on a generic cluster',
      config: { ingress: { kind: 'loadbalancer', scheme: 'internal' } },
      errors: [{ messageId: 'generic', path: 'ingress.scheme' }],
    },
  ],
} satisfies CheckCases;
