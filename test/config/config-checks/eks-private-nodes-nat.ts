import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const eks = (nat: string, privateNetworking: boolean) => ({
  platform: {
    ...EKS,
    eks: { ...EKS.eks, vpc: { nat }, nodeGroups: [{ ...EKS.eks.nodeGroups[0], privateNetworking }] },
  },
});

export default {
  valid: [
    { name: 'private nodes with NAT', config: eks('Single', true) },
    { name: 'public nodes without NAT', config: eks('Disable', false) },
  ],
  invalid: [
    {
      name: 'private nodes without NAT',
      config: eks('Disable', true),
      errors: [{ messageId: 'noNat', path: 'platform.eks.nodeGroups[0].privateNetworking' }],
    },
  ],
} satisfies CheckCases;
