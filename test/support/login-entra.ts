/**
 * What the login-flow tests share about the eks-entra-nginx fixtures: the changes made to the
 * rendered configuration when a Dex plays Entra ID on loopback, that Dex's configuration, and the
 * gateway's RequestAuthentications with the same changes. Every change is declared, and the tests
 * assert nothing else differs.
 */
import { join } from 'node:path';
import { FIXTURE_ENV } from './fixtures.js';
import { rehost, type Change } from './login-launch.js';

export { gatewayObjects } from './login-launch.js';

export interface Ports {
  dex: number;
  proxy: number;
  gateway: number;
}

/** oauth2-proxy's callback path, which the app registration lists as its redirect URI. */
export const CALLBACK = '/oauth2/callback';

export const ENTRA_USER = { login: 'megan@contoso.com', password: 'password' };

/** Every change made to eks-entra-nginx's rendered configuration (plus "… mounts", as above). */
export function entraChanges(p: Ports, root: string, extra: Change[] = []): Change[] {
  const idp = rehost('https://login.microsoftonline.com', `http://127.0.0.1:${p.dex}`);
  const publicHost = rehost('https://kubeflow.contoso.com', `http://127.0.0.1:${p.gateway}`);
  return [
    { in: 'oauth2-proxy args', at: '0', to: `--http-address=127.0.0.1:${p.proxy}`, why: 'listen on loopback only' },
    {
      in: 'oauth2-proxy args',
      at: '1',
      to: `--config=${join(root, '/etc/oauth2_proxy/oauth2_proxy.cfg')}`,
      why: 'mounted file path',
    },
    {
      in: 'oauth2_proxy.cfg',
      at: 'oidc_issuer_url',
      to: idp,
      why: 'the Dex standing in for Entra ID: loopback origin, same path',
    },
    {
      in: 'oauth2_proxy.cfg',
      at: 'redirect_url',
      to: publicHost,
      why: 'the gateway stand-in plays the public host (plain http: no TLS here)',
    },
    {
      in: 'oauth2_proxy.cfg',
      at: 'custom_sign_in_logo',
      to: join(root, '/custom-theme/kubeflow-logo.svg'),
      why: 'mounted file path',
    },
    {
      in: 'RequestAuthentication dex-jwt',
      at: 'spec.jwtRules.0.issuer',
      to: idp,
      why: 'the Dex standing in for Entra ID',
    },
    ...extra,
  ];
}

/**
 * The identity provider playing Entra ID: NOT rendered by kfgen, written by this test from what a
 * user registers at Entra ID for the fixture's config (its tenant, client id and secret), never
 * from kfgen's output. Entra ID's issuer is https://login.microsoftonline.com/<tenant>/v2.0.
 */
export function entraStandInConfig(p: Ports, azureAd: { tenantId: string; clientId: string }, clientSecret: string) {
  return {
    issuer: `http://127.0.0.1:${p.dex}/${azureAd.tenantId}/v2.0`,
    storage: { type: 'memory' },
    web: { http: `127.0.0.1:${p.dex}` },
    oauth2: { skipApprovalScreen: true },
    enablePasswordDB: true,
    staticPasswords: [
      {
        email: ENTRA_USER.login,
        hash: FIXTURE_ENV.DEX_ADMIN_HASH,
        username: 'megan',
        userID: 'entra-standin-megan',
      },
    ],
    staticClients: [
      // The app registration: the config's client id and secret, the callback on the public host.
      {
        id: azureAd.clientId,
        secret: clientSecret,
        name: 'Kubeflow',
        redirectURIs: [`http://127.0.0.1:${p.gateway}${CALLBACK}`],
      },
      // Another application of the same tenant: its tokens carry another audience.
      {
        id: 'another-app',
        secret: 'another-app-secret',
        name: 'Another app',
        redirectURIs: ['http://127.0.0.1:9/callback'],
      },
    ],
  };
}
