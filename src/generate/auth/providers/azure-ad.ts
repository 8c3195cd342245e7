import type { ProviderOutput, Context, NextStep } from './provider.js';
import { PHASE } from '../../core/phases.js';
import { describeSource } from '../../core/describe-source.js';
import { upstreamDexDropped } from '../dex.js';

function entraIdStep(ctx: Context): NextStep {
  const d = ctx.plan.auth;
  const az = d.azureAd!;
  return {
    order: PHASE.identityProvider,
    title: 'Register the application in Microsoft Entra ID',
    body: [
      `In the app registration \`${az.clientId}\` of tenant \`${az.tenantId}\`:`,
      '',
      `- **Authentication → Web → Redirect URI:** \`${d.redirectUrl}\``,
      `- **Front-channel logout URL:** \`${d.baseUrl}/oauth2/sign_out\``,
      `- **Certificates & secrets:** create a client secret and provide it as \`auth.azureAd.clientSecret\` (${describeSource(az.clientSecret)}).`,
      `- **API permissions:** Microsoft Graph, delegated: ${ctx.plan.auth.scopes
        .map((s) => `\`${s}\``)
        .join(', ')}; grant admin consent.`,
      `- **Token configuration → Add optional claim → ID token:** \`email\`${d.userClaim !== 'email' ? ` and \`${d.userClaim}\`` : ''}. The claim \`${d.userClaim}\` becomes the Kubeflow user id, so every user needs it.`,
      ...(d.userClaim === 'email'
        ? [
            '  Entra ID sends `email` only for users with a mailbox (`mail`); oauth2-proxy refuses the others ("neither the id_token nor the profileURL set an email").',
            '  To admit them, set `auth.userClaim` and `auth.azureAd.emailClaim` to `preferred_username` (their UPN).',
          ]
        : []),
      '- **Manifest:** `"accessTokenAcceptedVersion": 2`, so tokens carry the v2.0 issuer below.',
      ...entraGate(ctx),
      '',
      `oauth2-proxy and the Istio gateway both trust issuer \`${d.issuer}\` and audience \`${az.clientId}\`.`,
      'The cluster must reach `login.microsoftonline.com` (istiod fetches the signing keys from there).',
    ].join('\n'),
  };
}

/** Who may sign in: Entra ID's own gate on the enterprise application, and kfgen's allowed_groups. */
function entraGate(ctx: Context): string[] {
  const az = ctx.plan.auth.azureAd!;
  const allowed = ctx.plan.auth.allowedGroups;
  return [
    `- **Enterprise applications → the app of \`${az.clientId}\` → Properties → Assignment required?** Yes; then **Users and groups:**`,
    `  assign the groups whose members may use Kubeflow${allowed.length ? ` (${allowed.map((g) => `\`${g}\``).join(', ')})` : ''}. Without it every user of the tenant can sign in.`,
    ...(allowed.length
      ? [
          `- **Token configuration → Add groups claim:** "Groups assigned to the application", ID token, as **Group ID**: oauth2-proxy admits only`,
          `  members of \`auth.allowedGroups\` by the \`${ctx.plan.auth.groupsClaim}\` claim (group object ids). Only assigned groups keep the claim short`,
          '  (a user in more than 200 groups otherwise gets no groups claim at all, and is refused).',
        ]
      : []),
  ];
}

/** Microsoft Entra ID: the app registration of one tenant. */
export const azureAd: ProviderOutput<'azure-ad'> = {
  id: 'azure-ad',
  registration: (ctx) => [entraIdStep(ctx)],
  signInLocation: (ctx) => `your identity provider (\`${new URL(ctx.plan.auth.issuer).origin}/...\`)`,
  contribution: upstreamDexDropped,
  teardown(ctx) {
    const { plan } = ctx;
    const a = plan.auth;
    return [
      `Remove the redirect URI \`${plan.auth.redirectUrl}\` from app registration \`${a.azureAd!.clientId}\` (tenant \`${a.azureAd!.tenantId}\`), or, if it was made for this deployment only, delete it with its enterprise application:`,
      '```sh',
      `az ad app delete --id ${a.azureAd!.clientId}`,
      '```',
    ];
  },
};
