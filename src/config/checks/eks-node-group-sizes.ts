import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'eks-node-group-sizes',
    description: 'A node group needs `minSize <= desiredCapacity <= maxSize`; eksctl refuses it otherwise.',
    fields: ['platform.eks.nodeGroups.*'],
    messages: {
      order: 'needs minSize <= desiredCapacity <= maxSize, got {{minSize}} <= {{desiredCapacity}} <= {{maxSize}}',
    },
  },
  check({ config: c }, report) {
    c.platform.eks?.nodeGroups.forEach((g, i) => {
      if (!(g.minSize <= g.desiredCapacity && g.desiredCapacity <= g.maxSize))
        report({
          path: ['platform', 'eks', 'nodeGroups', i],
          messageId: 'order',
          data: { minSize: g.minSize, desiredCapacity: g.desiredCapacity, maxSize: g.maxSize },
        });
    });
  },
};
export default check;
