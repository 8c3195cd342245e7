import type { ProviderOutput, Context, NextStep } from './provider.js';
import { PHASE } from '../../core/phases.js';
import { describeSource } from '../../core/describe-source.js';
import { upstreamDexDropped } from '../dex.js';

function oidcStep(ctx: Context): NextStep {
  const d = ctx.plan.auth;
  const o = ctx.plan.auth.oidc!;
  return {
    order: PHASE.identityProvider,
    title: 'Register the client at your OpenID provider',
    body: [
      `Client \`${o.clientId}\` at \`${o.issuer}\` (client secret from ${describeSource(o.clientSecret)}):`,
      '',
      `- **Redirect URI:** \`${d.redirectUrl}\``,
      `- **Post-logout redirect URI:** \`${d.baseUrl}/\``,
      `- **Scopes:** ${ctx.plan.auth.scopes.map((s) => `\`${s}\``).join(', ')}`,
      `- **ID token claims:** \`${d.userClaim}\` (the Kubeflow user id)${d.groupsClaim ? ` and \`${d.groupsClaim}\` (groups)` : ''}; the audience must be \`${o.clientId}\`.`,
      '',
      `The issuer must match character for character, including any trailing slash: \`${d.issuer}\`.`,
    ].join('\n'),
  };
}

/** A generic OpenID provider: one client, registered by hand. */
export const oidc: ProviderOutput<'oidc'> = {
  id: 'oidc',
  registration: (ctx) => [oidcStep(ctx)],
  signInLocation: (ctx) => `your identity provider (\`${new URL(ctx.plan.auth.issuer).origin}/...\`)`,
  contribution: upstreamDexDropped,
  teardown(ctx) {
    const { plan } = ctx;
    const a = plan.auth;
    return [
      `At \`${a.oidc!.issuer}\`, delete client \`${a.oidc!.clientId}\` or remove its redirect URI \`${plan.auth.redirectUrl}\`.`,
    ];
  },
};
