import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const policies = (addonPolicies: string[]) => ({
  platform: { ...EKS, eks: { ...EKS.eks, nodeGroups: [{ ...EKS.eks.nodeGroups[0], addonPolicies }] } },
});

export default {
  valid: [{ name: 'two policies', config: policies(['efs', 'xRay']) }],
  invalid: [
    {
      name: 'a policy twice',
      config: policies(['efs', 'xRay', 'efs']),
      errors: [{ messageId: 'twice', path: 'platform.eks.nodeGroups[0].addonPolicies', message: '"efs"' }],
    },
  ],
} satisfies CheckCases;
