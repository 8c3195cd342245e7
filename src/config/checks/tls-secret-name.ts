import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'tls-secret-name',
    description:
      '`tls.secretName` names the certificate Secret of tls.mode "secret", and nothing with tls.mode "none".',
    fields: ['tls.secretName'],
    messages: {
      required: 'is required when tls.mode is "secret"',
      unused: 'is not used with tls.mode "none": nothing serves a certificate',
    },
  },
  check({ config: c }, report) {
    if (c.tls?.mode === 'secret' && !c.tls.secretName)
      report({ path: ['tls', 'secretName'], messageId: 'required', suggestion: 'e.g. secretName: kubeflow-tls' });
    if (c.tls?.mode === 'none' && c.tls.secretName)
      report({ path: ['tls', 'secretName'], messageId: 'unused', suggestion: 'remove it, or choose a TLS mode' });
  },
};
export default check;
