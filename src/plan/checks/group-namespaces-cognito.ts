import type { PlanCheck } from './check.js';
import { providerPlan } from '../providers/index.js';

/**
 * With Cognito the Profile Manager runs on EKS and needs its account for the role it maps into the
 * cluster. Other providers get a NEXT_STEPS note, not an error: the config stays valid when a
 * deployment moves from one provider to another.
 */
const check: PlanCheck = {
  meta: {
    id: 'group-namespaces-cognito',
    description:
      'Group namespaces with Cognito need EKS (the Profile Manager authenticates to it) and `awsAccountId`, the account of its IAM role.',
    fields: ['tenancy.groupNamespaces', 'tenancy.groupNamespaces.awsAccountId'],
    messages: {
      notEks:
        'the Profile Manager that makes group namespaces at login authenticates to EKS; platform.provider is "{{provider}}"',
      noAccount:
        "required with auth.provider cognito: the Profile Manager's IAM role, which the EKS access entry names, is created in this account",
    },
  },
  check({ config }, report) {
    const gn = config.tenancy?.groupNamespaces;
    // Only a provider with a login trigger (the provider table's `loginTrigger`: Cognito) runs the Profile Manager.
    if (!gn || !providerPlan(config).loginTrigger) return;
    if (config.platform.provider !== 'eks')
      report({
        path: ['tenancy', 'groupNamespaces'],
        messageId: 'notEks',
        data: { provider: config.platform.provider },
        allowed: 'eks',
        suggestion: 'on this platform declare the group namespaces as profiles with group contributors',
      });
    if (!gn.awsAccountId)
      report({
        path: ['tenancy', 'groupNamespaces', 'awsAccountId'],
        messageId: 'noAccount',
        allowed: '12 digits',
        suggestion: 'aws sts get-caller-identity --query Account --output text',
      });
  },
};
export default check;
