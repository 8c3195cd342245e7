import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'eks-node-group-names',
    description: 'Node group names are unique within the cluster.',
    fields: ['platform.eks.nodeGroups.*.name'],
    messages: { duplicate: 'duplicate node group name "{{name}}"' },
  },
  check({ config: c }, report) {
    const names = c.platform.eks?.nodeGroups.map((g) => g.name) ?? [];
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        report({ path: ['platform', 'eks', 'nodeGroups', i, 'name'], messageId: 'duplicate', data: { name: n } });
    });
  },
};
export default check;
