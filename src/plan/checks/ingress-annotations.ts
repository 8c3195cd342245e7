import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'ingress-annotations',
    description: '`ingress.annotations` is not set with `ingress.kind: none`, which creates nothing to annotate.',
    fields: ['ingress.annotations'],
    messages: {
      nothingToAnnotate: 'has nothing to annotate with ingress.kind "none"',
    },
  },
  check({ config: c }, report) {
    const ing = c.ingress;
    if (ing?.annotations && Object.keys(ing.annotations).length && ing.kind === 'none')
      report({
        path: ['ingress', 'annotations'],
        messageId: 'nothingToAnnotate',
        suggestion: 'use kind nginx, alb or loadbalancer',
      });
  },
};
export default check;
