import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [
    { name: 'secret with its name', config: { tls: { mode: 'secret', secretName: 'kubeflow-tls' } } },
    { name: 'none without', config: { tls: { mode: 'none' } } },
  ],
  invalid: [
    {
      name: 'secret without a name',
      config: { tls: { mode: 'secret' } },
      errors: [{ messageId: 'required', path: 'tls.secretName' }],
    },
    {
      name: 'none with a name',
      config: { tls: { mode: 'none', secretName: 'kubeflow-tls' } },
      errors: [{ messageId: 'unused', path: 'tls.secretName' }],
    },
  ],
} satisfies CheckCases;
