import type { PlanCheck } from './check.js';
import { ingressKind } from '../../config/defaults.js';
import { isIpAddress } from '../../util/ip.js';

const AZURE_DNS_LABEL = /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/;

const check: PlanCheck = {
  meta: {
    id: 'aks-dns-label',
    description:
      '`platform.aks.dnsLabel` is a valid Azure DNS label and `host` is the name Azure gives it (`<label>.<region>.cloudapp.azure.com`); a host of that form on a load balancer needs the label.',
    fields: ['platform.aks.dnsLabel', 'host'],
    messages: {
      invalid:
        '"{{dnsLabel}}" is not a valid Azure DNS label: 3 to 63 lowercase letters, digits and hyphens, starting with a letter',
      ipHost:
        'names the load balancer "{{dnsLabel}}.<region>.cloudapp.azure.com", but host is the IP address "{{host}}"',
      otherHost:
        '"{{host}}" is not the name Azure gives the DNS label "{{dnsLabel}}" ({{dnsLabel}}.<region>.cloudapp.azure.com); the certificate and redirect URL must name the address users reach',
      required:
        'is required: host "{{host}}" is an Azure load balancer name, which only exists when the Service carries its DNS label',
    },
  },
  check({ config: c }, report) {
    const p = c.platform;
    if (p.provider !== 'aks') return;
    const dnsLabel = p.aks?.dnsLabel;
    const host = c.host;
    if (dnsLabel !== undefined) {
      if (!AZURE_DNS_LABEL.test(dnsLabel))
        report({ path: ['platform', 'aks', 'dnsLabel'], messageId: 'invalid', data: { dnsLabel } });
      else if (isIpAddress(host))
        report({
          path: ['platform', 'aks', 'dnsLabel'],
          messageId: 'ipHost',
          data: { dnsLabel, host },
          suggestion: `set host: ${dnsLabel}.<region>.cloudapp.azure.com, or remove dnsLabel`,
        });
      else if (!new RegExp(`^${dnsLabel}\\.[a-z0-9]+\\.cloudapp\\.azure\\.com$`).test(host))
        report({
          path: ['host'],
          messageId: 'otherHost',
          data: { dnsLabel, host },
          suggestion: `set host: ${dnsLabel}.<region>.cloudapp.azure.com, or point your own DNS record at the load balancer and remove dnsLabel`,
        });
    }
    if (ingressKind(c) === 'loadbalancer' && /\.cloudapp\.azure\.com$/.test(host) && !dnsLabel)
      report({
        path: ['platform', 'aks', 'dnsLabel'],
        messageId: 'required',
        data: { host },
        suggestion: `set platform.aks.dnsLabel: ${host.split('.')[0]!}`,
      });
  },
};
export default check;
