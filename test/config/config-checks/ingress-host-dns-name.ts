import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    {
      name: 'an IP address on a load balancer',
      config: { host: '10.0.0.5', tls: { mode: 'none' }, ingress: { kind: 'loadbalancer' } },
    },
  ],
  invalid: [
    {
      name: 'an IP address as an Ingress host',
      config: { host: '10.0.0.5', tls: { mode: 'none' }, ingress: { kind: 'nginx' } },
      errors: [{ messageId: 'ipHost', path: 'host', message: '(ingress.kind "nginx")' }],
    },
  ],
} satisfies CheckCases;
