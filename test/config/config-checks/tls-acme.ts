import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const acme = (a: Record<string, unknown> | undefined, more: Record<string, unknown> = {}) => ({
  tls: { mode: 'acme', acme: a },
  ingress: { kind: 'loadbalancer' },
  ...more,
});

export default {
  valid: [
    { name: 'http01 on a public load balancer', config: acme({ email: 'a@example.com' }) },
    {
      name: 'dns01 with Route 53 behind an internal one',
      config: acme(
        { email: 'a@example.com', challenge: 'dns01', route53: { region: 'us-east-1' } },
        { ingress: { kind: 'loadbalancer', scheme: 'internal' }, platform: EKS },
      ),
    },
  ],
  invalid: [
    { name: 'no acme section', config: acme(undefined), errors: [{ messageId: 'acmeRequired', path: 'tls.acme' }] },
    {
      name: 'an IP address as host',
      config: acme({ email: 'a@example.com' }, { host: '20.1.2.3' }),
      errors: [{ messageId: 'ipHost', path: 'tls.mode', message: '"20.1.2.3"' }],
    },
    {
      name: 'dns01 without Route 53',
      config: acme({ email: 'a@example.com', challenge: 'dns01' }),
      errors: [{ messageId: 'route53Required', path: 'tls.acme.route53' }],
    },
    {
      name: 'Route 53 with http01',
      config: acme({ email: 'a@example.com', route53: { region: 'us-east-1' } }),
      errors: [{ messageId: 'route53Unused', path: 'tls.acme.route53' }],
    },
    {
      name: 'http01 behind an internal load balancer',
      config: acme(
        { email: 'a@example.com' },
        { ingress: { kind: 'loadbalancer', scheme: 'internal' }, platform: EKS },
      ),
      errors: [{ messageId: 'http01Internal', path: 'tls.acme.challenge' }],
    },
    {
      name: 'an acme section with another mode',
      config: { tls: { mode: 'self-signed', acme: { email: 'a@example.com' } } },
      errors: [{ messageId: 'acmeUnused', path: 'tls.acme', message: 'tls.mode is "self-signed"' }],
    },
  ],
} satisfies CheckCases;
