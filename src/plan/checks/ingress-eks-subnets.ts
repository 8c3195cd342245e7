import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'ingress-eks-subnets',
    description:
      'On EKS with an existing VPC, a load balancer (`ingress.kind` `alb` or `loadbalancer`) has subnets on its side (public, or private when internal), and an ALB in at least two availability zones.',
    fields: ['platform.eks.vpc.subnets.public', 'platform.eks.vpc.subnets.private'],
    messages: {
      sideRequired: 'is required: an {{scheme}} load balancer (ingress.kind "{{kind}}") goes into the {{side}} subnets',
      oneZone: 'has one availability zone; an ALB needs subnets in at least two',
    },
  },
  check({ config: c }, report) {
    const ing = c.ingress;
    const subnets = c.platform.eks?.vpc?.subnets;
    if (!ing || c.platform.provider !== 'eks' || !subnets || (ing.kind !== 'alb' && ing.kind !== 'loadbalancer'))
      return;
    const internal = ing.scheme === 'internal';
    const side = internal ? 'private' : 'public';
    const path = ['platform', 'eks', 'vpc', 'subnets', side];
    const azs = Object.keys(subnets[side] ?? {});
    if (!azs.length)
      report({
        path,
        messageId: 'sideRequired',
        data: { scheme: internal ? 'internal' : 'internet-facing', kind: ing.kind, side },
        suggestion: internal ? undefined : 'add public subnets, or set ingress.scheme: internal',
      });
    else if (ing.kind === 'alb' && azs.length < 2) report({ path, messageId: 'oneZone' });
  },
};
export default check;
