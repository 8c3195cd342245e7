import type { ConfigOnlyCheck } from './check.js';

const SECTIONS = { 'azure-ad': 'azureAd', dex: 'dex', cognito: 'cognito', oidc: 'oidc' } as const;

const check: ConfigOnlyCheck = {
  meta: {
    id: 'auth-provider-section',
    description: "The section of `auth.provider` (azureAd, dex, cognito, oidc) is given, and no other provider's.",
    fields: ['auth.azureAd', 'auth.dex', 'auth.cognito', 'auth.oidc'],
    messages: {
      required: 'is required when auth.provider is "{{provider}}"',
      unused: 'is only used with provider "{{provider}}", but auth.provider is "{{actual}}"',
    },
  },
  check({ config: { auth: a } }, report) {
    for (const [provider, key] of Object.entries(SECTIONS)) {
      if (a.provider === provider && !a[key])
        report({ path: ['auth', key], messageId: 'required', data: { provider } });
      if (a.provider !== provider && a[key]) {
        const hint = key === 'dex' && a.dex?.connectors ? '; to federate through Dex set auth.provider: dex' : '';
        report({
          path: ['auth', key],
          messageId: 'unused',
          data: { provider, actual: a.provider },
          suggestion: `remove it or set auth.provider: ${provider}${hint}`,
        });
      }
    }
  },
};
export default check;
