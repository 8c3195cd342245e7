import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'manifests-source',
    description: 'The upstream tree comes from exactly one of `manifests.path` and `manifests.git`.',
    fields: ['manifests'],
    messages: { both: 'set either path or git, not both', neither: 'needs the upstream tree' },
  },
  check({ config: c }, report) {
    if (!c.manifests.path !== !c.manifests.git) return;
    report({
      path: ['manifests'],
      messageId: c.manifests.path ? 'both' : 'neither',
      allowed: 'path: <local checkout> | git: https://github.com/kubeflow/manifests',
    });
  },
};
export default check;
