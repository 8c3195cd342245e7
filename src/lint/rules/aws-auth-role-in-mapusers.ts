import { perObjectRule } from '../templates.js';
import { awsAuthEntries } from '../kubeflow/aws-auth.js';

export default perObjectRule(
  {
    id: 'aws-auth-role-in-mapusers',
    family: 'platform',
    severity: 'error',
    summary: 'An IAM role ARN is listed under aws-auth `mapUsers` (roles belong under `mapRoles` as `rolearn`).',
    rationale:
      'aws-iam-authenticator matches mapUsers only against IAM users; a role there never matches, so whoever assumes the role gets "Unauthorized".',
    remediation: 'Move the entry to mapRoles and rename userarn to rolearn.',
    messages: {
      roleInMapUsers: 'role ARN {{arn}} is under mapUsers; move it to mapRoles as rolearn',
    },
  },
  ['ConfigMap'],
  (o, report) => {
    for (const e of awsAuthEntries(o)) {
      const arn = e.item?.userarn;
      if (e.key === 'mapUsers' && typeof arn === 'string' && /:role\//.test(arn)) {
        report({
          path: ['data', 'mapUsers'],
          innerLine: e.innerLine,
          messageId: 'roleInMapUsers',
          data: { arn },
        });
      }
    }
  },
);
