import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'eks-private-nodes-nat',
    description:
      'In a VPC eksctl creates, node groups with `privateNetworking` need NAT to pull images, so `vpc.nat` is not `Disable`.',
    fields: ['platform.eks.nodeGroups.*.privateNetworking'],
    messages: {
      noNat: 'private nodes need NAT to pull images, but vpc.nat is Disable',
    },
  },
  check({ config: c }, report) {
    const eks = c.platform.provider === 'eks' ? c.platform.eks : undefined;
    if (!eks || eks.vpc?.subnets || eks.vpc?.nat !== 'Disable') return;
    eks.nodeGroups.forEach((g, i) => {
      if (g.privateNetworking)
        report({
          path: ['platform', 'eks', 'nodeGroups', i, 'privateNetworking'],
          messageId: 'noNat',
          suggestion: 'remove privateNetworking or the nat setting',
        });
    });
  },
};
export default check;
