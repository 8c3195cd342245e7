import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'groups-claim-agrees',
    description:
      "`auth.groupsClaim` and the provider section's groupsClaim (cognito, oidc) do not say different things.",
    fields: ['auth.groupsClaim'],
    messages: { differs: 'says "{{groupsClaim}}" but auth.{{section}}.groupsClaim says "{{providerGroups}}"' },
  },
  check({ config: { auth: a } }, report) {
    const providerGroups = a.cognito?.groupsClaim ?? a.oidc?.groupsClaim;
    if (a.groupsClaim && providerGroups && a.groupsClaim !== providerGroups)
      report({
        path: ['auth', 'groupsClaim'],
        messageId: 'differs',
        data: { groupsClaim: a.groupsClaim, section: a.cognito ? 'cognito' : 'oidc', providerGroups },
        suggestion: 'set it in one place',
      });
  },
};
export default check;
