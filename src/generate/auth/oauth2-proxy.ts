import type { Context, Contribution } from '../core/model.js';
import { containerEnvPatch, replaceSecret } from '../core/secret-keys.js';
import { mergeContributions } from '../core/merge.js';
import { OAUTH2_PROXY_SECRET } from '../../kubeflow/secrets.js';
import { SESSION_COOKIE } from '../../kubeflow/oauth2-proxy.js';
import { MESH_CONFIGMAP, OAUTH2_PROXY_EXT_AUTHZ, UPSTREAM_MESH } from '../../kubeflow/mesh.js';
import { toYaml } from '../../util/yaml.js';

/** oauth2-proxy's session cookie; a session too large for one cookie is split into `<name>_0`, `<name>_1`, … */
export { SESSION_COOKIE };

/**
 * oauth2-proxy's config file. Client id/secret, cookie secret and cookie-secure are deliberately
 * absent: the upstream Deployment sets them from env, which overrides the file.
 */
export function oauth2ProxyCfg(ctx: Context): string {
  const d = ctx.plan.auth;
  const session = ctx.plan.session;
  const lines: Array<[string, string] | string> = [];
  const q = (s: string) => JSON.stringify(s);
  lines.push(['provider', q('oidc')], ['oidc_issuer_url', q(d.issuer)]);
  lines.push(['scope', q(d.scopes.join(' '))]);
  if (d.emailClaim) lines.push(['oidc_email_claim', q(d.emailClaim)]);
  if (d.groupsClaim !== 'groups') lines.push(['oidc_groups_claim', q(d.groupsClaim)]);
  lines.push(['email_domains', '[ "*" ]']);
  const allowed = d.allowedGroups;
  if (allowed.length) {
    lines.push(`# only members of these groups (claim ${d.groupsClaim}) may sign in; everyone else gets 403`);
    lines.push(['allowed_groups', `[ ${[...allowed].map(q).join(', ')} ]`]);
  }
  lines.push(['upstreams', '[ "static://200" ]']);
  if (d.inCluster) {
    lines.push(`# ${d.providerName} is served through the gateway without a session of its own`);
    lines.push(['skip_auth_routes', `[ ${d.inCluster.routes.map(q).join(', ')} ]`]);
  }
  lines.push('# background requests get 401 instead of a login redirect');
  lines.push(['api_routes', '[ "/api/", "/apis/", "^/ml_metadata" ]']);
  if (d.inCluster) {
    // The browser cannot reach the issuer: discovery is skipped and it is sent through the gateway.
    lines.push(['skip_oidc_discovery', 'true'], ['login_url', q(d.inCluster.loginUrl)]);
    lines.push(['redeem_url', q(d.inCluster.redeemUrl)], ['oidc_jwks_url', q(d.inCluster.jwksUrl)]);
    lines.push(['prompt', q('none')], ['skip_provider_button', 'false']);
  } else {
    lines.push(['skip_provider_button', 'true']);
  }
  lines.push(['provider_display_name', q(d.providerName)]);
  lines.push(['custom_sign_in_logo', q('/custom-theme/kubeflow-logo.svg')], ['banner', q('-')], ['footer', q('-')]);
  lines.push('# the gateway verifies this bearer token (RequestAuthentication) and maps its claims to kubeflow-userid');
  lines.push(['set_authorization_header', 'true'], ['set_xauthrequest', 'true']);
  lines.push(['cookie_name', q(SESSION_COOKIE)]);
  if (session.idToken && session.refreshes)
    lines.push(
      `# ID tokens live ${session.idToken.lifetime}: the session is refreshed before the token the gateway checks expires`,
    );
  lines.push(['cookie_expire', q(session.cookieExpire)]);
  lines.push(['cookie_refresh', q(session.cookieRefresh)]);
  lines.push(['code_challenge_method', q('S256')]);
  lines.push(['redirect_url', q(d.redirectUrl)], ['relative_redirect_url', 'false']);
  if (d.endSessionUrl) {
    lines.push("# sign-out may continue to the identity provider's end-session URL (rd=)");
    lines.push(['whitelist_domains', `[ ${q(new URL(d.endSessionUrl).host)} ]`]);
  }
  return lines.map((l) => (typeof l === 'string' ? l : `${l[0]} = ${l[1]}`)).join('\n') + '\n';
}

export function oauth2Proxy(ctx: Context): Contribution {
  const d = ctx.plan.auth;
  const params = [`FORCE_HTTPS=${d.tls}`];
  // Skipping TLS verification is only tolerable for an in-cluster issuer behind a self-signed cert.
  if (d.issuer.startsWith('https://')) params.push('ALLOW_SELF_SIGNED_ISSUER=false');
  const secret = replaceSecret(ctx, { ...OAUTH2_PROXY_SECRET }, [
    { key: 'client-id', env: 'OAUTH2_PROXY_CLIENT_ID', from: { literal: d.clientId } },
    { key: 'client-secret', env: 'OAUTH2_PROXY_CLIENT_SECRET', from: d.clientSecret },
    { key: 'cookie-secret', env: 'OAUTH2_PROXY_COOKIE_SECRET', from: d.cookieSecret },
  ]);
  return mergeContributions([
    secret.contribution,
    containerEnvPatch(
      { namespace: 'oauth2-proxy', deployment: 'oauth2-proxy', container: 'oauth2-proxy' },
      secret.existingEnv,
    ),
    refreshedCookiePatch(ctx),
    {
      files: { 'oauth2-proxy/oauth2_proxy.cfg': oauth2ProxyCfg(ctx) },
      configMapGenerator: [
        {
          name: 'oauth2-proxy',
          namespace: 'oauth2-proxy',
          behavior: 'replace',
          files: ['oauth2-proxy/oauth2_proxy.cfg'],
        },
        { name: 'oauth2-proxy-parameters', namespace: 'oauth2-proxy', behavior: 'merge', literals: params },
      ],
    },
  ]);
}

/**
 * oauth2-proxy refreshes a session while it answers the gateway's ext_authz check, and sends the
 * refreshed session cookie with its 200. Envoy passes a header of an allowed check on to the
 * browser only when the mesh config lists it in `headersToDownstreamOnAllow`, which upstream's does
 * not: the browser would keep the old cookie and every later request would refresh again with the
 * old refresh token, which Dex (and Entra ID, once rotated) refuses, so the session ends when its
 * first ID token expires.
 */
function refreshedCookiePatch(ctx: Context): Contribution {
  if (!ctx.plan.session.refreshes) return {};
  const mesh = {
    ...UPSTREAM_MESH,
    extensionProviders: [
      {
        envoyExtAuthzHttp: { ...OAUTH2_PROXY_EXT_AUTHZ, headersToDownstreamOnAllow: ['set-cookie'] },
        name: 'oauth2-proxy',
      },
    ],
  };
  return {
    patches: [
      {
        file: 'patches/istio-system-istio-mesh.yaml',
        content: toYaml({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: MESH_CONFIGMAP.name, namespace: MESH_CONFIGMAP.namespace },
          data: { [MESH_CONFIGMAP.key]: toYaml(mesh).trimEnd() },
        }),
      },
    ],
  };
}
