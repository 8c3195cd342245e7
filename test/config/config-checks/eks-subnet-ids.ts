import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const A = 'subnet-0a1b2c3d4e5f60001';
const B = 'subnet-0a1b2c3d4e5f60002';
const vpc = (subnets: Record<string, unknown>) => ({ platform: { ...EKS, eks: { ...EKS.eks, vpc: { subnets } } } });

export default {
  valid: [
    { name: 'two zones, two subnets', config: vpc({ public: { 'us-east-1a': A }, private: { 'us-east-1b': B } }) },
  ],
  invalid: [
    {
      name: 'a zone of another region',
      config: vpc({ public: { 'eu-west-1a': A } }),
      errors: [{ messageId: 'zone', path: 'platform.eks.vpc.subnets.public.eu-west-1a', message: 'region us-east-1' }],
    },
    {
      name: 'not a subnet id',
      config: vpc({ public: { 'us-east-1a': 'sn-1' } }),
      errors: [{ messageId: 'subnetId', path: 'platform.eks.vpc.subnets.public.us-east-1a' }],
    },
    {
      name: 'a subnet on both sides',
      config: vpc({ public: { 'us-east-1a': A }, private: { 'us-east-1a': A } }),
      errors: [
        {
          messageId: 'twice',
          path: 'platform.eks.vpc.subnets.private.us-east-1a',
          message: 'also as public.us-east-1a',
        },
      ],
    },
  ],
} satisfies CheckCases;
