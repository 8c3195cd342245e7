import { perObjectRule, podSpecs, POD_KINDS } from '../templates.js';
import { tokenSources } from '../kubeflow/tokens.js';

const MIN = 600;

export default perObjectRule(
  {
    id: 'projected-token-expiration',
    family: 'tenancy',
    severity: 'error',
    summary: `A projected service-account token has expirationSeconds below ${MIN}.`,
    rationale:
      'The API server rejects pods whose projected token asks for less than 10 minutes, so the workload never starts.',
    remediation:
      'Use expirationSeconds of at least 600 (upstream examples use 7200); the kubelet refreshes the token before it expires.',
    params: { minSeconds: MIN },
    messages: {
      tooShort: 'expirationSeconds {{seconds}} is below the minimum {{minimum}}',
    },
  },
  POD_KINDS,
  (o, report) => {
    for (const view of podSpecs(o)) {
      for (const s of tokenSources(view)) {
        if (typeof s.expirationSeconds === 'number' && s.expirationSeconds < MIN) {
          report({
            path: [...s.path, 'expirationSeconds'],
            messageId: 'tooShort',
            data: { seconds: s.expirationSeconds, minimum: MIN },
          });
        }
      }
    }
  },
);
