import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'entra-email-claim',
    description:
      'An Entra ID `emailClaim` other than email goes with the same userClaim: a user without a mailbox would otherwise sign in without a user id.',
    fields: ['auth.azureAd.emailClaim'],
    messages: {
      userClaimEmail:
        'is "{{emailClaim}}", but userClaim is "email": a user without a mailbox would sign in and have no kubeflow-userid (the gateway reads userClaim)',
    },
  },
  check({ config, plan }, report) {
    const emailClaim = config.auth.provider === 'azure-ad' ? config.auth.azureAd?.emailClaim : undefined;
    if (emailClaim && emailClaim !== 'email' && plan.auth.userClaim === 'email')
      report({
        path: ['auth', 'azureAd', 'emailClaim'],
        messageId: 'userClaimEmail',
        data: { emailClaim },
        suggestion: `set userClaim: ${emailClaim} too (every user has it), or remove emailClaim`,
      });
  },
};
export default check;
