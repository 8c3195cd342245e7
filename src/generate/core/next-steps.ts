import type { SecretSource } from '../../config/types.js';
import type { Context, Contribution, NextStep } from './model.js';
import { walkSecretSources } from '../../config/secret-source.js';
import { dotted } from '../../util/field-path.js';
import { cmp } from '../../util/order.js';
import { PHASE, RUNNING_CLUSTER_FROM } from './phases.js';

/** Steps every deployment shares; provider- and platform-specific ones come from their concerns. */
export function commonNextSteps(ctx: Context): Contribution {
  const { config } = ctx;
  const d = ctx.plan.auth;
  const steps: NextStep[] = [];
  if (config.auth.provider === 'azure-ad') steps.push(entraIdStep(ctx));
  if (d.dex) steps.push(dexStep(ctx), ...dexConnectorSteps(ctx));
  if (config.auth.provider === 'cognito') steps.push(cognitoStep(ctx));
  if (config.auth.provider === 'oidc') steps.push(oidcStep(ctx));

  const secrets = userSecretsStep(ctx);
  if (secrets) steps.push(secrets);
  steps.push({
    order: PHASE.apply,
    title: 'Apply',
    body: [
      'Custom resources are in the same stream as their CRDs, and some objects are admitted only once the pods of their webhooks',
      'and controllers run, so apply server-side and retry until everything is accepted:',
      '```sh',
      'while ! kustomize build . | kubectl apply --server-side --force-conflicts -f -; do echo "Retrying to apply resources"; sleep 20; done',
      '```',
      'Run it in this directory. `kubectl kustomize` builds this overlay too (`kubectl kustomize . | kubectl apply ...`).',
    ].join('\n'),
  });
  steps.push({
    order: PHASE.checkLogin,
    title: 'Check that login works',
    body: [
      '```sh',
      'kubectl wait --for=condition=Available deployment --all -n oauth2-proxy --timeout=600s',
      'kubectl wait --for=condition=Available deployment --all -n kubeflow --timeout=900s',
      `curl -sI ${d.baseUrl}/ | grep -i '^location'`,
      '```',
      `The location must lead to ${d.dex ? `\`${d.baseUrl}/dex/auth\`` : `your identity provider (\`${ctx.config.auth.provider === 'cognito' ? `https://${ctx.config.auth.cognito!.domain}` : new URL(d.issuer).origin}/...\`)`}. Then open ${d.baseUrl}/ in a browser and sign in.`,
      'If login loops or fails, read `kubectl logs -n oauth2-proxy deploy/oauth2-proxy`: the issuer, client id and',
      `redirect URL there must be \`${d.issuer}\`, \`${d.clientId}\` and \`${d.redirectUrl}\`.`,
    ].join('\n'),
  });
  return { nextSteps: steps };
}

function entraIdStep(ctx: Context): NextStep {
  const { config } = ctx;
  const d = ctx.plan.auth;
  const az = config.auth.azureAd!;
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
  const az = ctx.config.auth.azureAd!;
  const allowed = ctx.config.auth.allowedGroups ?? [];
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

/** Who may sign in through the Cognito app client. */
function cognitoGate(ctx: Context): string[] {
  const c = ctx.config.auth.cognito!;
  const allowed = ctx.config.auth.allowedGroups ?? [];
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
  const c = ctx.config.auth.cognito!;
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

function oidcStep(ctx: Context): NextStep {
  const d = ctx.plan.auth;
  const o = ctx.config.auth.oidc!;
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

function dexConnectorSteps(ctx: Context): NextStep[] {
  const callback = ctx.plan.auth.dexCallbackUrl;
  return (ctx.config.auth.dex?.connectors ?? []).map((k): NextStep => {
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
  const users = ctx.config.auth.dex?.users ?? [];
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

function describeSource(s: SecretSource): string {
  if ('env' in s) return `environment variable \`${s.env}\``;
  if ('file' in s) return `file \`${s.file}\``;
  return `Secret \`${s.existingSecret.name}\`, key \`${s.existingSecret.key}\``;
}

/** A Secret the user creates: one per name and namespace, with every key the config reads from it. */
interface UserSecret {
  name: string;
  namespace: string;
  keys: Array<{ key: string; paths: string[] }>;
}

/**
 * Where each `existingSecret` must exist: in the namespace of every workload that reads it.
 * The client secret Dex and oauth2-proxy share is read in both namespaces.
 */
export function existingSecrets(auth: unknown): UserSecret[] {
  const byId = new Map<string, UserSecret>();
  walkSecretSources(auth, ['auth'], (source, path) => {
    if (!('existingSecret' in source)) return;
    const shown = dotted(path);
    const namespaces =
      shown === 'auth.dex.clientSecret' ? ['auth', 'oauth2-proxy'] : path.includes('dex') ? ['auth'] : ['oauth2-proxy'];
    const { name, key } = source.existingSecret;
    for (const namespace of namespaces) {
      const id = `${namespace}/${name}`;
      const secret = byId.get(id) ?? { name, namespace, keys: [] };
      byId.set(id, secret);
      const entry = secret.keys.find((k) => k.key === key);
      if (entry) entry.paths.push(shown);
      else secret.keys.push({ key, paths: [shown] });
    }
  });
  // The walk follows the config's key order, which must not change the output.
  const out = [...byId.values()].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  for (const s of out) {
    s.keys.sort((a, b) => cmp(a.key, b.key));
    for (const k of s.keys) k.paths.sort(cmp);
  }
  return out;
}

/** The environment variable a user exports for one key of one of their Secrets. */
export function secretValueVariable(name: string, key: string): string {
  return `${name}_${key}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Piped through apply, `create` neither fails on a second run nor needs the object to be absent. */
const IDEMPOTENT = '--dry-run=client -o yaml | kubectl apply -f -';

/**
 * The Secrets kfgen cannot generate (their values are the user's) go into namespaces the platform
 * creates only when it is applied, so this step creates those namespaces first; the apply then
 * takes them over.
 */
function userSecretsStep(ctx: Context): NextStep | undefined {
  const { config } = ctx;
  const existing = existingSecrets(config.auth);
  const tlsSecret = config.tls?.mode === 'secret' ? config.tls.secretName : undefined;
  if (!existing.length && !tlsSecret) return undefined;
  const namespaces = [...new Set([...(tlsSecret ? ['istio-system'] : []), ...existing.map((e) => e.namespace)])].sort(
    cmp,
  );
  const body: string[] = [
    'Their values never pass through kfgen. The platform creates their namespaces only when it is applied, so create those first',
    '(applying the platform later takes them over):',
    '```sh',
    ...namespaces.map((ns) => `kubectl create namespace ${ns} ${IDEMPOTENT}`),
    '```',
  ];
  if (tlsSecret) {
    body.push(
      '',
      `${ctx.plan.exposure.ingressKind === 'nginx' ? 'The Ingress' : 'The Istio gateway'} serves \`${config.host}\` with the certificate in Secret \`${tlsSecret}\` in namespace \`istio-system\`.`,
      `Put the certificate chain (it must cover \`${config.host}\`) in \`fullchain.pem\` and its key in \`privkey.pem\`, in this directory:`,
      '```sh',
      `kubectl create secret tls ${tlsSecret} -n istio-system --cert=fullchain.pem --key=privkey.pem ${IDEMPOTENT}`,
      '```',
    );
  }
  if (existing.length) {
    const vars = existing.flatMap((s) =>
      s.keys.map((k) => ({ v: secretValueVariable(s.name, k.key), paths: k.paths })),
    );
    const unique = [...new Map(vars.map((x) => [x.v, x])).values()];
    body.push(
      '',
      'The Secrets the config names with `existingSecret`, one command per Secret with all of its keys. Export each value first',
      `(${unique.map((x) => `\`${x.v}\` for ${x.paths.map((p) => `\`${p}\``).join(', ')}`).join('; ')}), e.g. \`read -rs ${unique[0]!.v} && export ${unique[0]!.v}\`:`,
      '```sh',
      ...existing.map((s) =>
        [
          `kubectl create secret generic ${s.name} -n ${s.namespace}`,
          ...s.keys.map((k) => `  --from-literal=${k.key}="\${${secretValueVariable(s.name, k.key)}:?}"`),
          `  ${IDEMPOTENT}`,
        ].join(' \\\n'),
      ),
      '```',
    );
    if (existing.some((s) => s.keys.some((k) => k.paths.includes('auth.cookieSecret'))))
      body.push('The cookie secret must be 16, 24 or 32 bytes, e.g. `openssl rand -hex 16`.');
  }
  return { order: PHASE.secrets, title: 'Create the Secrets that kfgen does not generate', body: body.join('\n') };
}

/** Marks each step that needs the cluster's pods to run; test/next-steps-runbook.test.ts stops at the first. */
export const RUNNING_CLUSTER_MARK = '<!-- needs: running cluster -->';

export function renderNextSteps(ctx: Context, steps: NextStep[]): string {
  const sorted = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.order - b.s.order || a.i - b.i);
  const firstRunning = sorted.findIndex(({ s }) => s.order >= RUNNING_CLUSTER_FROM);
  const head = [
    '# Next steps',
    '',
    `Generated by kfgen from \`${ctx.configName}\` for \`${ctx.plan.auth.baseUrl}\`. Do not edit: change the config and run \`kfgen build\`.`,
    'Commands run from this directory, in order.',
    ...(firstRunning > 0
      ? [
          `Steps 1–${firstRunning} work on a fresh cluster; from step ${firstRunning + 1} on they need its pods to run (controllers, webhooks, load balancers).`,
        ]
      : []),
  ];
  const body = sorted.flatMap(({ s }, n) => [
    '',
    `## ${n + 1}. ${s.title}`,
    '',
    ...(s.order >= RUNNING_CLUSTER_FROM ? [RUNNING_CLUSTER_MARK] : []),
    s.body,
  ]);
  return [...head, ...body].join('\n') + '\n';
}
