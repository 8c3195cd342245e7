import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'ingress-scheme',
    description:
      '`ingress.scheme` is only set where kfgen creates the load balancer (`ingress.kind` `alb` or `loadbalancer`), and with `loadbalancer` only on a cloud platform.',
    fields: ['ingress.scheme'],
    messages: {
      unused:
        'is only used with ingress.kind "alb" or "loadbalancer"; with "{{kind}}" kfgen does not create the load balancer',
      generic:
        'needs a cloud platform: on platform.provider "generic" kfgen does not know how to make a load balancer internal',
    },
  },
  check({ config: c }, report) {
    const ing = c.ingress;
    if (!ing?.scheme) return;
    if (ing.kind !== 'alb' && ing.kind !== 'loadbalancer')
      report({ path: ['ingress', 'scheme'], messageId: 'unused', data: { kind: ing.kind } });
    if (ing.kind === 'loadbalancer' && c.platform.provider === 'generic')
      report({
        path: ['ingress', 'scheme'],
        messageId: 'generic',
        suggestion: 'set the annotation your platform uses in ingress.annotations',
      });
  },
};
export default check;
