import type { KfgenConfig } from '../config/types.js';
import type { Derived } from './model.js';

export const DEX_IN_CLUSTER_ISSUER = 'http://dex.auth.svc.cluster.local:5556/dex';
export const DEX_CLIENT_ID = 'kubeflow-oidc-authservice';

export function derive(config: KfgenConfig): Derived {
  const tls = (config.tls?.mode ?? 'none') !== 'none';
  const scheme = tls ? 'https' : 'http';
  const baseUrl = `${scheme}://${config.host}`;
  const a = config.auth;
  const dex = a.provider === 'dex';
  let issuer: string;
  let clientId: string;
  let providerName: string;
  let groupsClaim = 'groups';
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
      groupsClaim = a.cognito!.groupsClaim ?? 'cognito:groups';
      endSessionUrl = `https://${a.cognito!.domain}/logout?client_id=${encodeURIComponent(clientId)}&logout_uri=${encodeURIComponent(baseUrl + '/')}`;
      break;
    case 'oidc':
      issuer = a.oidc!.issuer;
      clientId = a.oidc!.clientId;
      providerName = 'Single sign-on';
      groupsClaim = a.oidc!.groupsClaim ?? 'groups';
      endSessionUrl = a.oidc!.endSessionUrl;
      break;
  }
  return {
    tls,
    baseUrl,
    redirectUrl: `${baseUrl}/oauth2/callback`,
    issuer,
    userClaim: a.userClaim ?? 'email',
    dex,
    clientId,
    providerName,
    groupsClaim: a.groupsClaim ?? groupsClaim,
    ...(endSessionUrl ? { endSessionUrl } : {}),
  };
}
