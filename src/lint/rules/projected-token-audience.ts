import { perObjectRule, podSpecs, POD_KINDS } from '../templates.js';
import { KFP_AUDIENCE, tokenMounts } from '../kubeflow/tokens.js';

export default perObjectRule(
  {
    id: 'projected-token-audience',
    family: 'tenancy',
    severity: 'error',
    summary: `A service-account token mounted for the Kubeflow Pipelines client has an audience other than "${KFP_AUDIENCE}".`,
    rationale:
      'The KFP API server authenticates in-cluster callers with a TokenReview for audience pipelines.kubeflow.org; a token for any other audience is rejected with 401.',
    remediation: `Set serviceAccountToken.audience: ${KFP_AUDIENCE} on the projected volume the KFP SDK reads.`,
    params: { audience: KFP_AUDIENCE },
    messages: {
      wrongAudience: 'token read by the KFP client ({{path}}) has audience "{{audience}}", not "{{expected}}"',
      defaultAudience:
        'token read by the KFP client ({{path}}) has audience "(API server default)", not "{{expected}}"',
    },
  },
  POD_KINDS,
  (o, report) => {
    for (const view of podSpecs(o)) {
      for (const m of tokenMounts(view)) {
        if (m.filePath === m.expected && m.source.audience !== KFP_AUDIENCE) {
          const data = { path: m.filePath, expected: KFP_AUDIENCE };
          report({
            path: [...m.source.path, 'audience'],
            ...(m.source.audience == null
              ? { messageId: 'defaultAudience', data }
              : { messageId: 'wrongAudience', data: { ...data, audience: m.source.audience } }),
          });
        }
      }
    }
  },
);
