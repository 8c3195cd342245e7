import { namespaceForGroup } from '../group-namespaces.js';
import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'group-namespace-naming',
    description:
      '`tenancy.groupNamespaces` has a prefix (an empty one would make every group a namespace), and its naming turns a group with that prefix into a valid namespace.',
    fields: ['tenancy.groupNamespaces.prefix', 'tenancy.groupNamespaces.namespace'],
    messages: {
      emptyPrefix: 'an empty prefix would turn every group of every user into a namespace',
      noNamespace: 'no group "{{prefix}}…" can become a namespace with this naming',
    },
  },
  check({ config }, report) {
    const gn = config.tenancy?.groupNamespaces;
    if (!gn) return;
    if (!gn.prefix.trim()) {
      report({
        path: ['tenancy', 'groupNamespaces', 'prefix'],
        messageId: 'emptyPrefix',
        suggestion: 'use the prefix your Kubeflow groups share, e.g. kubeflow-',
      });
      return;
    }
    const naming = {
      prefix: gn.prefix,
      stripPrefix: gn.namespace?.stripPrefix ?? true,
      namespacePrefix: gn.namespace?.prefix ?? '',
    };
    if (!namespaceForGroup(`${gn.prefix}team`, naming))
      report({
        path: ['tenancy', 'groupNamespaces', 'namespace'],
        messageId: 'noNamespace',
        data: { prefix: gn.prefix },
        suggestion: 'set namespace.prefix to lowercase letters, digits and "-"',
      });
  },
};
export default check;
