import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'eks-addon-policies',
    description: "A node group's `addonPolicies` lists each policy once.",
    fields: ['platform.eks.nodeGroups.*.addonPolicies'],
    messages: {
      twice: '"{{policy}}" is listed twice',
    },
  },
  check({ config: c }, report) {
    const eks = c.platform.provider === 'eks' ? c.platform.eks : undefined;
    eks?.nodeGroups.forEach((g, i) => {
      const policy = g.addonPolicies?.find((p, j) => g.addonPolicies!.indexOf(p) !== j);
      if (policy)
        report({ path: ['platform', 'eks', 'nodeGroups', i, 'addonPolicies'], messageId: 'twice', data: { policy } });
    });
  },
};
export default check;
