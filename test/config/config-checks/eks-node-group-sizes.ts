import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const group = (minSize: number, desiredCapacity: number, maxSize: number) => ({
  platform: {
    ...EKS,
    eks: { ...EKS.eks, nodeGroups: [{ ...EKS.eks.nodeGroups[0], minSize, desiredCapacity, maxSize }] },
  },
});

export default {
  valid: [
    { name: '1 <= 2 <= 3', config: group(1, 2, 3) },
    { name: 'all equal', config: group(2, 2, 2) },
  ],
  invalid: [
    {
      name: 'desired above max',
      config: group(1, 4, 3),
      errors: [{ messageId: 'order', path: 'platform.eks.nodeGroups[0]', message: 'got 1 <= 4 <= 3' }],
    },
    {
      name: 'min above desired',
      config: group(3, 2, 3),
      errors: [{ messageId: 'order', path: 'platform.eks.nodeGroups[0]' }],
    },
  ],
} satisfies CheckCases;
