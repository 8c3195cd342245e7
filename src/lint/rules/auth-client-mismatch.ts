import type { Rule } from '../rule.js';
import { innerLineOf, secretValue, type Located } from '../kubeflow/facts.js';
import { dexIssuer, oauth2ProxyIssuer } from '../kubeflow/issuers.js';

const rule: Rule = {
  meta: {
    id: 'auth-client-mismatch',
    family: 'auth',
    severity: 'error',
    summary:
      "oauth2-proxy's client id/secret do not match a Dex static client, or the client does not allow oauth2-proxy's redirect URL.",
    rationale:
      'Upstream keeps the same client in two places (Secret `oauth2-proxy` keys client-id/client-secret and Secret `dex-oidc-client` OIDC_CLIENT_ID/OIDC_CLIENT_SECRET, read by Dex staticClients via idEnv/secretEnv). Changing one without the other makes Dex answer "invalid client" or "unregistered redirect_uri".',
    remediation:
      'Set the same client id and secret in both Secrets (kfgen generates both from one config value), and add an absolute redirect_url to staticClients[].redirectURIs.',
    messages: {
      unknownClient: 'oauth2-proxy client-id "{{clientId}}" is not a Dex static client (Dex has: {{known}})',
      noStaticClients: 'oauth2-proxy client-id "{{clientId}}" is not a Dex static client (Dex has: none)',
      secretDiffers: 'Dex client "{{clientId}}" secret differs from oauth2-proxy client-secret (Secret {{secret}})',
      redirectNotAllowed:
        'Dex client "{{clientId}}" redirectURIs ({{uris}}) do not include oauth2-proxy redirect_url "{{redirect}}"',
      noRedirectUris:
        'Dex client "{{clientId}}" redirectURIs (none) do not include oauth2-proxy redirect_url "{{redirect}}"',
    },
  },
  check(ctx) {
    const dex = ctx.facts.dex.config;
    const secret = ctx.facts.oauth2Proxy.secret;
    const o2p = oauth2ProxyIssuer(ctx.facts);
    const di = dexIssuer(ctx.facts);
    if (
      !dex ||
      !secret ||
      !o2p ||
      !di ||
      o2p.value.toLowerCase().replace(/\/$/, '') !== di.value.toLowerCase().replace(/\/$/, '')
    )
      return;
    const clients: any[] = Array.isArray(dex.parsed.staticClients) ? dex.parsed.staticClients : [];
    const resolve = (lit: unknown, env: unknown): Located<string> | undefined =>
      typeof lit === 'string'
        ? { on: dex.on, value: lit, path: dex.path }
        : typeof env === 'string'
          ? ctx.facts.secretKey(env)
          : undefined;
    const id = secretValue(secret, 'client-id');
    const sec = secretValue(secret, 'client-secret');
    if (!id) return;
    const match = clients.find((c) => resolve(c?.id, c?.idEnv)?.value === id.value);
    if (!match) {
      const known = clients.map((c) => resolve(c?.id, c?.idEnv)?.value ?? '?').join(', ');
      ctx.report(
        known
          ? { ...id, messageId: 'unknownClient', data: { clientId: id.value, known } }
          : { ...id, messageId: 'noStaticClients', data: { clientId: id.value } },
      );
      return;
    }
    const dexSecret = resolve(match.secret, match.secretEnv);
    if (sec && dexSecret && dexSecret.value !== sec.value) {
      ctx.report({
        ...dexSecret,
        messageId: 'secretDiffers',
        data: { clientId: id.value, secret: secret.object.metadata?.name },
      });
    }
    const redirect = ctx.facts.oauth2Proxy.cfg?.entries.get('redirect_url')?.value;
    const uris: string[] = Array.isArray(match.redirectURIs) ? match.redirectURIs : [];
    if (typeof redirect === 'string' && /^https?:\/\//.test(redirect) && !uris.includes(redirect)) {
      const listed = uris.join(', ');
      ctx.report({
        on: dex.on,
        path: dex.path,
        innerLine: innerLineOf(dex.text, /redirectURIs/),
        ...(listed
          ? { messageId: 'redirectNotAllowed', data: { clientId: id.value, uris: listed, redirect } }
          : { messageId: 'noRedirectUris', data: { clientId: id.value, redirect } }),
      });
    }
  },
};
export default rule;
