import type { ProviderOutput, Context, NextStep } from './provider.js';
import { PHASE } from '../../core/phases.js';
import { describeSource } from '../../core/describe-source.js';
import { dex as dexContribution } from '../dex.js';

function dexConnectorSteps(ctx: Context): NextStep[] {
  const callback = ctx.plan.auth.dexCallbackUrl;
  return ctx.plan.auth.dex!.connectors.map((k): NextStep => {
    const cfg = k.config as Record<string, unknown>;
    const lines: Record<typeof k.type, string[]> = {
      microsoft: [
        `In the Entra ID app registration \`${String(cfg.clientID ?? '')}\`${cfg.tenant ? ` (tenant \`${String(cfg.tenant)}\`)` : ''}: Web redirect URI \`${callback}\`;`,
        'Microsoft Graph delegated permissions `openid`, `profile`, `email`, `User.Read` (and `GroupMember.Read.All` for groups), with admin consent.',
      ],
      saml: [
        'In ADFS, add a relying party trust:',
        `- **Relying party identifier:** \`${String(cfg.entityIssuer ?? callback)}\``,
        `- **SAML assertion consumer endpoint (POST):** \`${callback}\``,
        `- **Claim rules:** send ${
          ['emailAttr', 'usernameAttr', 'groupsAttr']
            .filter((a) => cfg[a])
            .map((a) => `\`${String(cfg[a])}\``)
            .join(', ') || 'email, name and groups'
        } as the connector maps them; NameID as persistent or email.`,
        `Dex posts to \`${String(cfg.ssoURL ?? 'the ADFS SSO URL')}\` and checks signatures with the ADFS token-signing certificate (\`ca\`/\`caData\`).`,
      ],
      oidc: [
        `At \`${String(cfg.issuer ?? 'the provider')}\`, client \`${String(cfg.clientID ?? '')}\`: redirect URI \`${callback}\`, scopes \`openid profile email\`${cfg.insecureEnableGroups ? ' and `groups`' : ''}.`,
      ],
      ldap: [
        `Dex binds to \`${String(cfg.host ?? 'the directory')}\`${cfg.bindDN ? ` as \`${String(cfg.bindDN)}\`` : ''}; the cluster must reach it. Nothing is registered in the directory.`,
      ],
    };
    return {
      order: PHASE.dexConnectors,
      title: `Dex connector \`${k.id}\` (${k.type}): ${k.name}`,
      body: lines[k.type].join('\n'),
    };
  });
}

function dexStep(ctx: Context): NextStep {
  const users = ctx.plan.auth.dex!.users;
  return {
    order: PHASE.identityProvider,
    title: 'Dex users',
    body: [
      `Dex serves the login page at \`${ctx.plan.auth.baseUrl}/dex/\`.${users.length ? ' These static users can sign in:' : ' Users sign in through the connectors below; no static users are defined.'}`,
      ...(users.length
        ? [
            '',
            ...users.map((u) => `- \`${u.email}\` (password hash from ${describeSource(u.passwordHash)})`),
            '',
            "Make a hash with `htpasswd -nbBC 12 \"\" 'PASSWORD' | tr -d ':\\n'`.",
          ]
        : []),
    ].join('\n'),
  };
}

/** Dex in the cluster: its static users, and the upstream providers its connectors federate. */
export const dex: ProviderOutput<'dex'> = {
  id: 'dex',
  registration: (ctx) => [dexStep(ctx), ...dexConnectorSteps(ctx)],
  signInLocation: (ctx) => `\`${ctx.plan.auth.baseUrl}${ctx.plan.auth.inCluster!.loginUrl}\``,
  contribution: dexContribution,
  teardown(ctx) {
    const { plan } = ctx;
    const a = plan.auth;
    const connectors = a.dex!.connectors;
    return [
      connectors.length
        ? `Remove Dex's callback \`${plan.auth.dexCallbackUrl}\` where each connector registered it: ${connectors.map((k) => `\`${k.id}\` (${k.type})`).join(', ')}.`
        : 'Dex ran in the cluster and went with the platform; nothing is registered elsewhere.',
    ];
  },
};
