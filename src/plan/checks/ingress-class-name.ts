import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'ingress-class-name',
    description:
      '`ingress.className` is only set with `ingress.kind` `nginx` or `alb`, the kinds that create an Ingress.',
    fields: ['ingress.className'],
    messages: {
      unused: 'is only used with ingress.kind "nginx" or "alb": "{{kind}}" creates no Ingress',
    },
  },
  check({ config: c }, report) {
    const ing = c.ingress;
    if (ing?.className && ing.kind !== 'nginx' && ing.kind !== 'alb')
      report({ path: ['ingress', 'className'], messageId: 'unused', data: { kind: ing.kind } });
  },
};
export default check;
