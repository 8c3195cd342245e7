import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const A = 'subnet-0a1b2c3d4e5f60001';
const eks = (more: Record<string, unknown>, group: Record<string, unknown> = {}) => ({
  platform: { ...EKS, eks: { ...EKS.eks, ...more, nodeGroups: [{ ...EKS.eks.nodeGroups[0], ...group }] } },
});

export default {
  valid: [
    {
      name: 'private nodes in private subnets',
      config: eks({ vpc: { subnets: { private: { 'us-east-1a': A } } } }, { privateNetworking: true }),
    },
    {
      name: 'a new VPC with its settings',
      config: eks({ vpc: { cidr: '10.0.0.0/16', nat: 'Single' }, availabilityZones: ['us-east-1a', 'us-east-1b'] }),
    },
  ],
  invalid: [
    {
      name: 'no subnets, and the settings of a new VPC',
      config: eks({
        vpc: { subnets: {}, cidr: '10.0.0.0/16', nat: 'Single' },
        availabilityZones: ['us-east-1a', 'us-east-1b'],
      }),
      errors: [
        { messageId: 'noSubnets', path: 'platform.eks.vpc.subnets' },
        { messageId: 'cidr', path: 'platform.eks.vpc.cidr' },
        { messageId: 'nat', path: 'platform.eks.vpc.nat' },
        { messageId: 'availabilityZones', path: 'platform.eks.availabilityZones' },
      ],
    },
    {
      name: 'private nodes in public subnets only',
      config: eks({ vpc: { subnets: { public: { 'us-east-1a': A } } } }, { privateNetworking: true }),
      errors: [{ messageId: 'noPrivateSubnets', path: 'platform.eks.nodeGroups[0].privateNetworking' }],
    },
  ],
} satisfies CheckCases;
