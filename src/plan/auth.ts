import type { KfgenConfig } from '../config/types.js';
import { baseUrl as baseUrlOf, DEFAULTS, tlsMode } from '../config/defaults.js';
import { DEX_CLIENT_ID, DEX_IN_CLUSTER_ISSUER, dexCallbackUrl } from '../kubeflow/dex.js';

/** Values several concerns must agree on; computed once so they cannot disagree. */
export interface AuthPlan {
  tls: boolean;
  /** `https://<host>` or `http://<host>`. */
  baseUrl: string;
  redirectUrl: string;
  /** Dex's own callback, where its upstream connectors return. */
  dexCallbackUrl: string;
  /** The issuer oauth2-proxy uses and the gateway's RequestAuthentication trusts. */
  issuer: string;
  userClaim: string;
  dex: boolean;
  /** The OAuth client id oauth2-proxy presents. */
  clientId: string;
  providerName: string;
  /** The token claim that carries groups, mapped to the `kubeflow-groups` header. */
  groupsClaim: string;
  /** Where sign-out continues after oauth2-proxy cleared its cookie, if the provider has one. */
  endSessionUrl?: string;
}

export function planAuth(config: KfgenConfig): AuthPlan {
  const tls = tlsMode(config) !== 'none';
  const baseUrl = baseUrlOf(config);
  const a = config.auth;
  const dex = a.provider === 'dex';
  let issuer: string;
  let clientId: string;
  let providerName: string;
  let groupsClaim: string = DEFAULTS.groupsClaim;
  let endSessionUrl: string | undefined;
  switch (a.provider) {
    case 'azure-ad':
      issuer = `https://login.microsoftonline.com/${a.azureAd!.tenantId}/v2.0`;
      clientId = a.azureAd!.clientId;
      providerName = 'Microsoft Entra ID';
      endSessionUrl = `https://login.microsoftonline.com/${a.azureAd!.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(baseUrl + '/')}`;
      break;
    case 'dex':
      issuer = DEX_IN_CLUSTER_ISSUER;
      clientId = DEX_CLIENT_ID;
      providerName = 'Dex';
      break;
    case 'cognito':
      issuer = `https://cognito-idp.${a.cognito!.region}.amazonaws.com/${a.cognito!.userPoolId}`;
      clientId = a.cognito!.clientId;
      providerName = 'Amazon Cognito';
      groupsClaim = a.cognito!.groupsClaim ?? DEFAULTS.cognitoGroupsClaim;
      endSessionUrl = `https://${a.cognito!.domain}/logout?client_id=${encodeURIComponent(clientId)}&logout_uri=${encodeURIComponent(baseUrl + '/')}`;
      break;
    case 'oidc':
      issuer = a.oidc!.issuer;
      clientId = a.oidc!.clientId;
      providerName = 'Single sign-on';
      groupsClaim = a.oidc!.groupsClaim ?? DEFAULTS.groupsClaim;
      endSessionUrl = a.oidc!.endSessionUrl;
      break;
  }
  return {
    tls,
    baseUrl,
    redirectUrl: `${baseUrl}/oauth2/callback`,
    dexCallbackUrl: dexCallbackUrl(baseUrl),
    issuer,
    userClaim: a.userClaim ?? DEFAULTS.userClaim,
    dex,
    clientId,
    providerName,
    groupsClaim: a.groupsClaim ?? groupsClaim,
    ...(endSessionUrl ? { endSessionUrl } : {}),
  };
}
