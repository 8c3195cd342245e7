import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Args, INIT_OPTIONS } from './options.js';
import { EXIT, UsageError } from '../config/errors.js';
import { NEWEST_RELEASE } from '../kubeflow/releases/index.js';
import { proposedEksVersion } from '../kubeflow/clouds.js';
import { testedWindow } from '../kubeflow/release.js';

import { KUBEFLOW_MIN_CAPACITY } from '../kubeflow/capacity.js';

const PROVIDERS = ['azure-ad', 'dex', 'cognito', 'oidc'] as const;
const PLATFORMS = ['eks', 'aks', 'generic'] as const;

export async function initCommand({ values }: Args<typeof INIT_OPTIONS>): Promise<number> {
  const provider = oneOf('--provider', values.provider!, PROVIDERS);
  const platform = oneOf('--platform', values.platform!, PLATFORMS);
  const file = resolve(process.cwd(), 'kfgen.config.ts');
  if (existsSync(file) && !values.force)
    throw new UsageError('kfgen.config.ts already exists; pass --force to overwrite it');
  writeFileSync(file, starterConfig(provider, platform));
  console.log(`kfgen: wrote kfgen.config.ts (${provider} on ${platform}); edit it, then run \`kfgen build\``);
  return EXIT.ok;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} "${value}" is not one of: ${allowed.join(', ')}`);
  return value as T;
}

export function starterConfig(provider: (typeof PROVIDERS)[number], platform: (typeof PLATFORMS)[number]): string {
  const platformBlock =
    platform === 'eks'
      ? `  platform: {
    provider: 'eks',
    eks: {
      clusterName: 'kubeflow',
      region: 'us-east-1',
      // Kubeflow ${NEWEST_RELEASE.id} was tested on Kubernetes ${testedWindow(NEWEST_RELEASE)}.
      kubernetesVersion: '${proposedEksVersion(NEWEST_RELEASE)}',
      // Kubeflow needs at least ${KUBEFLOW_MIN_CAPACITY.cpu} vCPU and ${KUBEFLOW_MIN_CAPACITY.memGiB} GiB in total at minimum scale (lint rule eks-nodegroup-capacity).
      nodeGroups: [{ name: 'kubeflow-workers', instanceType: 'm5.xlarge', minSize: 3, desiredCapacity: 3, maxSize: 5 }],
      // awsAuth: { mapRoles: [{ rolearn: 'arn:aws:iam::111122223333:role/platform-admins', username: 'platform-admin', groups: ['kubeflow-admins'] }] },
    },
  },`
      : `  platform: { provider: '${platform}' },`;
  const authBlock = AUTH_BLOCKS[provider];
  return starter(platformBlock, authBlock);
}

const AUTH_BLOCKS: Record<(typeof PROVIDERS)[number], string> = {
  'azure-ad': `  auth: {
    provider: 'azure-ad',
    // From the app registration's Overview page.
    azureAd: {
      tenantId: '00000000-0000-0000-0000-000000000000',
      clientId: '00000000-0000-0000-0000-000000000000',
      // Secrets are sources, never literals: { env: NAME }, { file: PATH } or { existingSecret: { name, key } }.
      clientSecret: { env: 'AZURE_CLIENT_SECRET' },
    },
    cookieSecret: { env: 'KFGEN_COOKIE_SECRET' }, // openssl rand -hex 16
    userClaim: 'email',
    // session: 24h cookies, refreshed at 45m (Entra ID tokens live 60m); set auth.session only to change that.
  },`,
  dex: `  auth: {
    provider: 'dex',
    dex: {
      // passwordHash: a bcrypt hash, e.g. htpasswd -nbBC 12 "" 'PASSWORD' | tr -d ':\\n'
      users: [{ email: 'admin@example.com', passwordHash: { env: 'DEX_ADMIN_HASH' } }],
      clientSecret: { env: 'DEX_CLIENT_SECRET' }, // openssl rand -hex 16
    },
    cookieSecret: { env: 'KFGEN_COOKIE_SECRET' }, // openssl rand -hex 16
    // Federate an enterprise directory instead of (or besides) static users:
    // connectors: [{ type: 'oidc', id: 'okta', name: 'Okta', config: { issuer: 'https://example.okta.com', clientID: '...', clientSecret: { env: 'OKTA_CLIENT_SECRET' } } }],
  },`,
  cognito: `  auth: {
    provider: 'cognito',
    cognito: {
      region: 'us-east-1',
      userPoolId: 'us-east-1_EXAMPLE1',
      clientId: 'exampleclientid1234567890',
      clientSecret: { env: 'COGNITO_CLIENT_SECRET' },
      domain: 'auth.example.com', // the hosted UI (custom) domain
      groupsClaim: 'cognito:groups', // or e.g. custom:groups for ADFS federated behind Cognito
    },
    cookieSecret: { env: 'KFGEN_COOKIE_SECRET' }, // openssl rand -hex 16
  },`,
  oidc: `  auth: {
    provider: 'oidc',
    oidc: {
      issuer: 'https://sso.example.com/realms/kubeflow', // exactly as the provider's discovery document says
      clientId: 'kubeflow',
      clientSecret: { env: 'OIDC_CLIENT_SECRET' },
      scopes: ['openid', 'profile', 'email', 'groups'],
      groupsClaim: 'groups',
    },
    cookieSecret: { env: 'KFGEN_COOKIE_SECRET' }, // openssl rand -hex 16
  },`,
};

function starter(platformBlock: string, authBlock: string): string {
  return `// kfgen config: one file for the whole Kubeflow deployment. Run \`npx kfgen build\` after editing.
// Reference: the "Config reference" section of kfgen's README.
import { defineConfig } from 'kfgen';

export default defineConfig({
  manifests: {
    // The newest release kfgen builds; v1.9.1, v1.10.2 and v1.11.0 are supported too.
    version: '${NEWEST_RELEASE.id}',
    // A checkout of https://github.com/kubeflow/manifests at tag ${NEWEST_RELEASE.id}, relative to this file.
    path: '../kubeflow-manifests',${
      NEWEST_RELEASE.remoteBases.length
        ? `
    // ${NEWEST_RELEASE.id} fetches Argo Workflows and JobSet from GitHub during kustomize build; kfgen builds
    // offline from a local mirror of them (the first build says what to put where).
    remoteBases: '../remote-bases',`
        : ''
    }
  },
  // The host users browse to.
  host: 'kubeflow.example.com',
${platformBlock}
  // You create this TLS Secret in istio-system; NEXT_STEPS.md shows the command.
  tls: { mode: 'secret', secretName: 'kubeflow-tls' },
  ingress: { kind: 'nginx', className: 'nginx' },
${authBlock}
});
`;
}
