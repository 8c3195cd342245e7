import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    { name: 'a local checkout', config: {} },
    { name: 'a git URL', config: { manifests: { path: undefined, git: 'https://github.com/kubeflow/manifests' } } },
  ],
  invalid: [
    {
      name: 'path and git',
      config: { manifests: { git: 'https://github.com/kubeflow/manifests' } },
      errors: [{ messageId: 'both', path: 'manifests' }],
    },
    {
      name: 'neither',
      config: { manifests: { path: undefined } },
      errors: [{ messageId: 'neither', path: 'manifests' }],
    },
  ],
} satisfies CheckCases;
