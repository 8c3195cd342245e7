import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const names = (...ns: string[]) => ({
  platform: { ...EKS, eks: { ...EKS.eks, nodeGroups: ns.map((name) => ({ ...EKS.eks.nodeGroups[0], name })) } },
});

export default {
  valid: [{ name: 'distinct names', config: names('cpu', 'gpu') }],
  invalid: [
    {
      name: 'a name twice',
      config: names('cpu', 'gpu', 'cpu'),
      errors: [{ messageId: 'duplicate', path: 'platform.eks.nodeGroups[2].name', message: '"cpu"' }],
    },
  ],
} satisfies CheckCases;
