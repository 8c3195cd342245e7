import type { CheckCases } from '../../support/config-check-tester.js';

const aks = (host: string, aksCfg: Record<string, unknown>) => ({
  host,
  tls: { mode: 'self-signed' },
  ingress: { kind: 'loadbalancer' },
  platform: { provider: 'aks', aks: aksCfg },
});

export default {
  valid: [
    {
      name: 'the host Azure gives the label',
      config: aks('kflow.westeurope.cloudapp.azure.com', { dnsLabel: 'kflow' }),
    },
    {
      name: 'an own DNS name without a label',
      config: aks('kubeflow.example.com', { loadBalancerResourceGroup: 'rg' }),
    },
  ],
  invalid: [
    {
      name: 'not an Azure DNS label',
      config: aks('kflow.westeurope.cloudapp.azure.com', { dnsLabel: 'KF_1' }),
      errors: [{ messageId: 'invalid', path: 'platform.aks.dnsLabel', message: '"KF_1"' }],
    },
    {
      name: 'a label with an IP host',
      config: aks('20.1.2.3', { dnsLabel: 'kflow' }),
      errors: [{ messageId: 'ipHost', path: 'platform.aks.dnsLabel' }],
    },
    {
      name: 'a label with another host',
      config: aks('kubeflow.example.com', { dnsLabel: 'kflow' }),
      errors: [{ messageId: 'otherHost', path: 'host', message: 'the DNS label "kflow"' }],
    },
    {
      name: 'an Azure host without the label',
      config: aks('kflow.westeurope.cloudapp.azure.com', { loadBalancerResourceGroup: 'rg' }),
      errors: [{ messageId: 'required', path: 'platform.aks.dnsLabel' }],
    },
  ],
} satisfies CheckCases;
