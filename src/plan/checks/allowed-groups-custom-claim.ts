import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'allowed-groups-custom-claim',
    description:
      '`auth.allowedGroups` cannot work with a Cognito `custom:` groups claim, which holds the SAML groups as one string.',
    fields: ['auth.allowedGroups'],
    messages: {
      customClaim:
        'cannot work with groups claim {{claim}}: Cognito passes the SAML groups in a custom attribute as one string ("[g1, g2]"), which oauth2-proxy takes as a single group, so nobody would match',
    },
  },
  check({ config, plan }, report) {
    const cognito = config.auth.provider === 'cognito' ? config.auth.cognito : undefined;
    const allowed = config.auth.allowedGroups;
    if (allowed?.length && cognito && plan.auth.groupsClaim.startsWith('custom:'))
      report({
        path: ['auth', 'allowedGroups'],
        messageId: 'customClaim',
        data: { claim: plan.auth.groupsClaim },
        suggestion: `remove it and let ${cognito.saml?.name ?? 'the SAML provider'} decide who may sign in (an Issuance Authorization Rule on its relying party trust), or use Cognito's own groups (groupsClaim: cognito:groups)`,
      });
  },
};
export default check;
