import type { CheckCases } from '../../support/config-check-tester.js';

const aks = (host: string, staticIp: string) => ({
  host,
  tls: { mode: 'self-signed' },
  ingress: { kind: 'loadbalancer' },
  platform: { provider: 'aks', aks: { staticIp } },
});

export default {
  valid: [{ name: 'a static IP behind a DNS name', config: aks('kubeflow.example.com', '20.1.2.3') }],
  invalid: [
    {
      name: 'a static IP with an IP host',
      config: aks('20.1.2.3', '20.1.2.3'),
      errors: [{ messageId: 'hostIsIp', path: 'platform.aks.staticIp', message: '"20.1.2.3"' }],
    },
  ],
} satisfies CheckCases;
