import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'ingress-alb-platform',
    description:
      '`ingress.kind: alb` needs `platform.provider: eks`: the AWS Load Balancer Controller only runs on AWS.',
    fields: ['ingress.kind'],
    messages: {
      needsEks:
        '"alb" needs platform.provider "eks": the AWS Load Balancer Controller only runs on AWS, but platform.provider is "{{provider}}"',
    },
  },
  check({ config: c }, report) {
    const provider = c.platform.provider;
    if (c.ingress?.kind === 'alb' && provider !== 'eks')
      report({
        path: ['ingress', 'kind'],
        messageId: 'needsEks',
        data: { provider },
        suggestion:
          provider === 'aks' ? 'use ingress.kind loadbalancer on AKS' : 'use ingress.kind nginx or loadbalancer',
      });
  },
};
export default check;
