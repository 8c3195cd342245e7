import type { PlanCheck } from './check.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const check: PlanCheck = {
  meta: {
    id: 'group-namespace-owner',
    description: 'The owner of group namespaces is an email address when user ids are the email or upn claim.',
    fields: ['tenancy.groupNamespaces.owner'],
    messages: { notEmail: '"{{owner}}" is not an email address, but user ids are the "{{claim}}" claim' },
  },
  check({ config, plan }, report) {
    const gn = config.tenancy?.groupNamespaces;
    const claim = plan.auth.userClaim;
    if (gn && (claim === 'email' || claim === 'upn') && !EMAIL.test(gn.owner))
      report({
        path: ['tenancy', 'groupNamespaces', 'owner'],
        messageId: 'notEmail',
        data: { owner: gn.owner, claim },
        suggestion: "use the owner's address as the identity provider sends it",
      });
  },
};
export default check;
