import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'eks-existing-vpc',
    description:
      'With `platform.eks.vpc.subnets` (an existing VPC), there are public or private subnets, no settings of a VPC eksctl creates (`vpc.cidr`, `vpc.nat`, `availabilityZones`), and private nodes have private subnets.',
    fields: [
      'platform.eks.vpc.subnets',
      'platform.eks.vpc.cidr',
      'platform.eks.vpc.nat',
      'platform.eks.availabilityZones',
      'platform.eks.nodeGroups.*.privateNetworking',
    ],
    messages: {
      noSubnets: 'needs public or private subnets (availability zone: subnet id)',
      cidr: 'is for a VPC eksctl creates; with vpc.subnets the VPC exists already',
      nat: 'is for a VPC eksctl creates; an existing VPC keeps its own NAT',
      availabilityZones: 'is for a VPC eksctl creates; the zones of an existing VPC are the keys of vpc.subnets',
      noPrivateSubnets: 'needs private subnets, but vpc.subnets lists only public ones',
    },
  },
  check({ config: c }, report) {
    const eks = c.platform.provider === 'eks' ? c.platform.eks : undefined;
    const subnets = eks?.vpc?.subnets;
    if (!eks || !subnets) return;
    const sides = (['public', 'private'] as const).filter((s) => subnets[s] && Object.keys(subnets[s]).length);
    if (!sides.length) report({ path: ['platform', 'eks', 'vpc', 'subnets'], messageId: 'noSubnets' });
    if (eks.vpc?.cidr)
      report({ path: ['platform', 'eks', 'vpc', 'cidr'], messageId: 'cidr', suggestion: 'remove cidr or subnets' });
    if (eks.vpc?.nat) report({ path: ['platform', 'eks', 'vpc', 'nat'], messageId: 'nat', suggestion: 'remove nat' });
    if (eks.availabilityZones?.length)
      report({
        path: ['platform', 'eks', 'availabilityZones'],
        messageId: 'availabilityZones',
        suggestion: 'remove availabilityZones',
      });
    if (!Object.keys(subnets.private ?? {}).length)
      eks.nodeGroups.forEach((g, i) => {
        if (g.privateNetworking)
          report({
            path: ['platform', 'eks', 'nodeGroups', i, 'privateNetworking'],
            messageId: 'noPrivateSubnets',
            suggestion: 'add vpc.subnets.private or remove privateNetworking',
          });
      });
  },
};
export default check;
