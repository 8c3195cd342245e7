import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [{ name: 'a class for nginx', config: { ingress: { kind: 'nginx', className: 'nginx' } } }],
  invalid: [
    {
      name: 'a class for a load balancer',
      config: { ingress: { kind: 'loadbalancer', className: 'nginx' } },
      errors: [{ messageId: 'unused', path: 'ingress.className', message: '"loadbalancer" creates no Ingress' }],
    },
  ],
} satisfies CheckCases;
