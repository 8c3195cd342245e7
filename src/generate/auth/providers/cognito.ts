import type { ProviderOutput, Context, NextStep } from './provider.js';
import { PHASE } from '../../core/phases.js';
import { describeSource } from '../../core/describe-source.js';
import { upstreamDexDropped } from '../dex.js';
import { APP_CLIENT_FILE, samlFederationSteps } from './cognito-saml.js';

/** Who may sign in through the Cognito app client. */
function cognitoGate(ctx: Context): string[] {
  const c = ctx.plan.auth.cognito!;
  const allowed = ctx.plan.auth.allowedGroups;
  const claim = ctx.plan.auth.groupsClaim;
  return [
    '',
    `**Who may enter.** Every user who can sign in to user pool \`${c.userPoolId}\` through the app client's identity providers`,
    `${c.saml ? `(${c.saml.name}: every user its relying party trust issues claims for) ` : ''}reaches Kubeflow${
      allowed.length
        ? `; oauth2-proxy then admits only members of ${allowed.map((g) => `\`${g}\``).join(', ')} by the \`${claim}\` claim and answers 403 to everyone else.`
        : ". Set `auth.allowedGroups` to admit only members of some groups, and limit the app client's identity providers to the ones your users need."
    }`,
    ...(c.saml
      ? [
          `In ${c.saml.name}, an **Issuance Authorization Rule** on the relying party trust ("Permit users" only for the Kubeflow groups) refuses the others before Cognito.`,
        ]
      : []),
  ];
}

function cognitoStep(ctx: Context): NextStep {
  const d = ctx.plan.auth;
  const c = ctx.plan.auth.cognito!;
  const federated = d.groupsClaim.startsWith('custom:');
  return {
    order: PHASE.identityProvider,
    title: 'Configure the Amazon Cognito app client',
    body: [
      `In user pool \`${c.userPoolId}\` (\`${c.region}\`), app client \`${c.clientId}\` (with a client secret, provided as ${describeSource(c.clientSecret)}):`,
      '',
      `- **Allowed callback URL:** \`${d.redirectUrl}\``,
      `- **Allowed sign-out URL:** \`${d.baseUrl}/\``,
      '- **OAuth 2.0 grant types:** Authorization code grant',
      `- **ID token expiration:** ${ctx.plan.session.idToken!.lifetime} (\`auth.cognito.idTokenLifetime\`): oauth2-proxy refreshes the session every ${ctx.plan.session.cookieRefresh}, before the ID token the gateway checks expires.`,
      `- **OpenID Connect scopes:** ${ctx.plan.auth.scopes.map((s) => `\`${s}\``).join(', ')}`,
      `- **Domain:** \`${c.domain}\`${c.domain.endsWith('.amazoncognito.com') ? '' : ' is a custom domain: its ACM certificate must be in **us-east-1**, and its DNS needs the alias record Cognito shows'}.`,
      `- The ID token carries groups in \`${d.groupsClaim}\`, which becomes the \`kubeflow-groups\` header.`,
      ...(federated
        ? [
            '',
            `**ADFS federated behind Cognito:** the step "Federate … into the Cognito user pool" adds it, maps its e-mail claim to \`email\` and`,
            `an "e-mail verified" claim to \`email_verified\` (oauth2-proxy refuses an e-mail the token calls unverified), and its groups to \`${d.groupsClaim}\`.`,
          ]
        : []),
      ...cognitoGate(ctx),
      '',
      `oauth2-proxy and the gateway trust issuer \`${d.issuer}\` and audience \`${c.clientId}\`.`,
    ].join('\n'),
  };
}

/** Amazon Cognito: the app client of one user pool, and the SAML provider federated behind it. */
export const cognito: ProviderOutput<'cognito'> = {
  id: 'cognito',
  registration: (ctx) => [...samlFederationSteps(ctx), cognitoStep(ctx)],
  signInLocation: (ctx) => `your identity provider (\`https://${ctx.plan.auth.cognito!.domain}/...\`)`,
  contribution: upstreamDexDropped,
  localFiles: (ctx) => (ctx.plan.auth.cognito?.saml ? [APP_CLIENT_FILE] : []),
  teardown(ctx) {
    const { plan } = ctx;
    const a = plan.auth;
    const c = a.cognito!;
    const pool = `--user-pool-id ${c.userPoolId} --region ${c.region}`;
    return [
      `Remove \`${plan.auth.redirectUrl}\` from the callback URLs of app client \`${c.clientId}\`, or, if it was made for this deployment only, delete it${c.saml ? ` and the ${c.saml.name} identity provider` : ''}:`,
      '```sh',
      `aws cognito-idp delete-user-pool-client ${pool} --client-id ${c.clientId}`,
      ...(c.saml ? [`aws cognito-idp delete-identity-provider ${pool} --provider-name '${c.saml.name}'`] : []),
      '```',
      ...(c.saml
        ? [
            `In ${c.saml.name}, remove the relying party trust \`urn:amazon:cognito:sp:${c.userPoolId}\` (PowerShell on the ADFS server):`,
            '```text',
            `Remove-AdfsRelyingPartyTrust -TargetIdentifier 'urn:amazon:cognito:sp:${c.userPoolId}'`,
            '```',
            plan.auth.groupsClaim.startsWith('custom:')
              ? `Cognito never deletes a custom attribute: \`${plan.auth.groupsClaim}\` stays in the pool's schema (unused).`
              : '',
          ]
        : []),
    ];
  },
};
