import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const A = 'subnet-0a1b2c3d4e5f60001';
const B = 'subnet-0a1b2c3d4e5f60002';
const vpc = (subnets: Record<string, unknown>, ingress: Record<string, unknown> = { kind: 'alb' }) => ({
  tls: { mode: 'none' },
  ingress,
  platform: { ...EKS, eks: { ...EKS.eks, vpc: { subnets } } },
});

export default {
  valid: [
    { name: 'an ALB in two public zones', config: vpc({ public: { 'us-east-1a': A, 'us-east-1b': B } }) },
    {
      name: 'an internal load balancer in one private zone',
      config: vpc({ private: { 'us-east-1a': A } }, { kind: 'loadbalancer', scheme: 'internal' }),
    },
  ],
  invalid: [
    {
      name: 'an internet-facing ALB without public subnets',
      config: vpc({ private: { 'us-east-1a': A, 'us-east-1b': B } }),
      errors: [{ messageId: 'sideRequired', path: 'platform.eks.vpc.subnets.public', message: 'an internet-facing' }],
    },
    {
      name: 'an ALB in one zone',
      config: vpc({ public: { 'us-east-1a': A } }),
      errors: [{ messageId: 'oneZone', path: 'platform.eks.vpc.subnets.public' }],
    },
  ],
} satisfies CheckCases;
