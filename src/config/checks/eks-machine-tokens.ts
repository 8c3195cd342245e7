import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'eks-machine-tokens',
    description:
      "`auth.machineTokens.eks` needs platform.provider eks and the cluster's OIDC issuer, which the gateway must trust instead of upstream's placeholder.",
    fields: ['auth.machineTokens.eks', 'platform.eks.oidcIssuer'],
    messages: {
      needsEks: 'needs platform.provider: eks',
      needsIssuer:
        "is required with auth.machineTokens.eks: the gateway must trust the cluster's real issuer, not upstream's placeholder",
    },
  },
  check({ config: c }, report) {
    if (!c.auth.machineTokens?.eks) return;
    if (c.platform.provider !== 'eks') report({ path: ['auth', 'machineTokens', 'eks'], messageId: 'needsEks' });
    else if (!c.platform.eks?.oidcIssuer)
      report({
        path: ['platform', 'eks', 'oidcIssuer'],
        messageId: 'needsIssuer',
        suggestion: 'aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer',
      });
  },
};
export default check;
