import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { find, findGenerated, missingTools, type K8sObject } from '../support/tools.js';
import { FIXTURE_ENV, fixtureConfig, goldenDiff, renderFixture, type RenderedFixture } from '../support/fixtures.js';
import { upstreamDefaultSecrets } from '../support/upstream.js';
import { cfgOf, findAs, findGeneratedAs, secretData } from '../support/objects.js';
import { validateProject } from '../../src/pipeline/index.js';

const skip = missingTools('kustomize', 'manifests');

const decode = secretData;
const jwtRules = (objects: K8sObject[], name: string) =>
  (
    find(objects, 'RequestAuthentication', name, 'istio-system') as
      { spec: { jwtRules: Array<Record<string, unknown>> } } | undefined
  )?.spec.jwtRules;
const dexConfigOf = (objects: K8sObject[]) =>
  parse(findAs<{ data: Record<string, string> }>(objects, 'ConfigMap', 'dex', 'auth').data['config.yaml']!);
const dexContainer = (objects: K8sObject[]) =>
  findAs<{
    spec: {
      template: {
        spec: {
          containers: Array<{
            envFrom: Array<{ secretRef: { name: string } }>;
            env: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
          }>;
        };
      };
    };
  }>(objects, 'Deployment', 'dex', 'auth').spec.template.spec.containers[0]!;

/** What must hold for every provider: one issuer, one host, no upstream default, no placeholder. */
function assertAgreement(r: RenderedFixture, config: { host: string }) {
  const cfg = cfgOf(r.objects);
  const rules = jwtRules(r.objects, 'dex-jwt')!;
  assert.is(rules[0]!.issuer, cfg.oidc_issuer_url, 'oauth2-proxy and the gateway trust the same issuer');
  assert.is(new URL(cfg.redirect_url!).host, config.host);
  for (const ing of r.objects.filter((o) => o.kind === 'Ingress')) {
    assert.is((ing as unknown as { spec: { rules: Array<{ host: string }> } }).spec.rules[0]!.host, config.host);
  }
  for (const secret of upstreamDefaultSecrets())
    assert.not.ok(r.text.includes(secret), 'upstream default secret survived');
  const issuers = r.objects
    .filter((o) => o.kind === 'RequestAuthentication')
    .flatMap((o) =>
      (o as unknown as { spec: { jwtRules: Array<{ issuer: string }> } }).spec.jwtRules.map((j) => j.issuer),
    );
  for (const issuer of issuers)
    assert.not.match(issuer, /PATCH_ME|AWS_REGION|CLUSTER_ID/, `placeholder issuer ${issuer} survived`);
  assert.ok(issuers.includes(cfg.oidc_issuer_url!));
  const values = Object.values(FIXTURE_ENV) as string[];
  for (const [path, content] of r.tree) {
    if (!path.startsWith('secrets/'))
      for (const v of values) assert.not.ok(content.includes(v), `secret value in committed file ${path}`);
  }
}

function fixtureSuite(name: string, checks: (r: RenderedFixture, config: any) => void | Promise<void>) {
  const s = suite(`fixture ${name}`);
  const config = parse(readFileSync(fixtureConfig(name), 'utf8'));
  s('golden tree, agreement across objects, and the scenario', async () => {
    if (skip) return;
    const r = await renderFixture(name);
    assert.equal(await goldenDiff(name, r.outDir, r.tree), []);
    assertAgreement(r, config);
    await checks(r, config);
  });
  s.run();
}

/** Every secret source of a connector reaches Dex as $VAR through env, never in the ConfigMap. */
function assertConnectorSecrets(r: RenderedFixture, type: string) {
  const dexCfg = dexConfigOf(r.objects);
  const connector = dexCfg.connectors[0];
  assert.is(connector.type, type);
  const text = JSON.stringify(connector.config);
  const vars = [...text.matchAll(/"\$([A-Z0-9_]+)"/g)].map((m) => m[1]!);
  assert.ok(vars.length > 0, 'secret values are $VAR references');
  const container = dexContainer(r.objects);
  const generated = findGenerated(r.objects, 'Secret', 'dex-secrets', 'auth');
  const fromSecret = decode(generated);
  for (const v of vars) {
    const viaEnv = container.env.find((e) => e.name === v)?.valueFrom?.secretKeyRef;
    assert.ok(v in fromSecret || viaEnv, `${v} is provided to Dex`);
    if (viaEnv) assert.ok(!find(r.objects, 'Secret', viaEnv.name), 'existingSecret is created outside kfgen');
  }
  assert.ok(
    generated && container.envFrom.at(-1)!.secretRef.name === generated.metadata.name,
    'Dex loads the kfgen Secret last, so it wins',
  );
  if (type !== 'ldap')
    assert.is(connector.config.redirectURI, `https://${new URL(cfgOf(r.objects).redirect_url!).host}/dex/callback`);
  // Dex and oauth2-proxy share one client secret from its source.
  assert.is(decode(generated).OIDC_CLIENT_SECRET, FIXTURE_ENV.DEX_CLIENT_SECRET);
  assert.is(
    decode(findGenerated(r.objects, 'Secret', 'oauth2-proxy', 'oauth2-proxy'))['client-secret'],
    FIXTURE_ENV.DEX_CLIENT_SECRET,
  );
  assert.equal(dexCfg.staticClients[0].redirectURIs, [cfgOf(r.objects).redirect_url]);
}

fixtureSuite('dex-microsoft', (r) => {
  assertConnectorSecrets(r, 'microsoft');
  const dexCfg = dexConfigOf(r.objects);
  assert.is(dexCfg.enablePasswordDB, false, 'no static users: the password database is off');
  assert.equal(dexCfg.staticPasswords, []);
  assert.is(
    decode(findGenerated(r.objects, 'Secret', 'dex-secrets', 'auth')).DEX_ENTRA_CLIENTSECRET,
    FIXTURE_ENV.ENTRA_DEX_SECRET,
  );
  assert.match(r.tree.get('NEXT_STEPS.md')!, /Web redirect URI `https:\/\/kubeflow\.fabrikam\.com\/dex\/callback`/);
});

fixtureSuite('dex-saml-adfs', (r) => {
  assertConnectorSecrets(r, 'saml');
  const env = dexContainer(r.objects).env.find((e) => e.name === 'DEX_ADFS_CADATA');
  assert.equal(env?.valueFrom?.secretKeyRef, { name: 'adfs-signing', key: 'ca.b64' });
  const md = r.tree.get('NEXT_STEPS.md')!;
  assert.match(
    md,
    /SAML assertion consumer endpoint \(POST\):\*\* `https:\/\/kubeflow\.corp\.example\.com\/dex\/callback`/,
  );
  assert.match(md, /kubectl create secret generic adfs-signing -n auth \\\n +--from-literal=ca\.b64=/);
});

fixtureSuite('dex-oidc-okta', (r) => {
  assertConnectorSecrets(r, 'oidc');
  const dexCfg = dexConfigOf(r.objects);
  assert.equal(
    dexCfg.staticPasswords.map((u: { email: string }) => u.email),
    ['breakglass@initech.io'],
  );
  assert.is(
    decode(findGenerated(r.objects, 'Secret', 'dex-secrets', 'auth')).DEX_USER_PASSWORD_0,
    FIXTURE_ENV.DEX_ADMIN_HASH,
  );
  assert.equal(
    Object.keys(decode(find(r.objects, 'Secret', 'dex-passwords', 'auth'))),
    ['KFGEN_VALUES'],
    'upstream Secret emptied of its default',
  );
});

fixtureSuite('dex-ldap', (r) => {
  assertConnectorSecrets(r, 'ldap');
  const s = decode(findGenerated(r.objects, 'Secret', 'dex-secrets', 'auth'));
  assert.is(s.DEX_AD_BINDPW, FIXTURE_ENV.LDAP_BIND_PASSWORD);
  assert.is(
    s.DEX_AD_ROOTCADATA,
    readFileSync(fixtureConfig('dex-ldap').replace('kfgen.config.yaml', 'ad-root-ca.b64'), 'utf8').trim(),
  );
});

fixtureSuite('generic-oidc-keycloak', (r, config) => {
  const cfg = cfgOf(r.objects);
  assert.is(cfg.oidc_issuer_url, config.auth.oidc.issuer);
  assert.is(cfg.scope, 'openid profile email groups');
  const rule = jwtRules(r.objects, 'dex-jwt')![0]!;
  assert.equal(rule.audiences, [config.auth.oidc.clientId]);
  assert.equal(rule.outputClaimToHeaders, [
    { header: 'kubeflow-userid', claim: 'preferred_username' },
    { header: 'kubeflow-groups', claim: 'groups' },
  ]);
  const extra = jwtRules(r.objects, 'kfgen-machine-token-issuers')!;
  assert.equal(
    extra.map((x) => [x.issuer, x.audiences]),
    [['https://token.actions.githubusercontent.com', ['kubeflow-ci']]],
  );
  // Logout ends the Keycloak session too, and oauth2-proxy allows that redirect.
  const dash = findAs<{
    spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; value?: string }> }> } } };
  }>(r.objects, 'Deployment', 'centraldashboard', 'kubeflow');
  const logoutUrl = dash.spec.template.spec.containers[0]!.env.find((e) => e.name === 'LOGOUT_URL')!.value!;
  const rd = new URL(logoutUrl, 'https://x').searchParams.get('rd')!;
  assert.is(rd, config.auth.oidc.endSessionUrl);
  assert.is(cfg.whitelist_domains, `[ "${new URL(rd).host}" ]`);
  assert.is(r.objects.filter((o) => o.metadata.namespace === 'auth').length, 0, 'no Dex');
});

fixtureSuite('eks-cognito-adfs', (r, config) => {
  const c = config.auth.cognito;
  const cfg = cfgOf(r.objects);
  assert.is(cfg.oidc_issuer_url, `https://cognito-idp.${c.region}.amazonaws.com/${c.userPoolId}`);
  assert.is(cfg.oidc_groups_claim, 'custom:groups');
  const rule = jwtRules(r.objects, 'dex-jwt')![0]!;
  assert.equal(rule.outputClaimToHeaders, [
    { header: 'kubeflow-userid', claim: 'email' },
    { header: 'kubeflow-groups', claim: 'custom:groups' },
  ]);
  assert.equal(rule.audiences, [c.clientId]);
  // The EKS machine-to-machine overlay is swapped in with the cluster's real issuer.
  const m2m = jwtRules(r.objects, 'm2m-token-issuer')![0]!;
  assert.is(m2m.issuer, config.platform.eks.oidcIssuer);
  assert.equal(m2m.audiences, ['pipelines.kubeflow.org'], 'only tokens minted for Pipelines pass the gateway');
  const params = findGeneratedAs<{
    data: Record<string, string>;
  }>(r.objects, 'ConfigMap', 'oauth2-proxy-parameters', 'oauth2-proxy');
  assert.is(params.data.FORCE_HTTPS, 'true');
  const dash = findAs<{
    spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; value?: string }> }> } } };
  }>(r.objects, 'Deployment', 'centraldashboard', 'kubeflow');
  const rd = new URL(
    dash.spec.template.spec.containers[0]!.env.find((e) => e.name === 'LOGOUT_URL')!.value!,
    'https://x',
  ).searchParams.get('rd')!;
  assert.is(new URL(rd).host, c.domain);
  assert.is(new URL(rd).searchParams.get('logout_uri'), `https://${config.host}/`);
  const md = r.tree.get('NEXT_STEPS.md')!;
  assert.ok(md.includes(`\`https://${config.host}/oauth2/callback\``));
  assert.match(md, /us-east-1/);
  assert.ok(md.includes(`urn:amazon:cognito:sp:${c.userPoolId}`));
  assert.ok(md.includes(`https://${c.domain}/saml2/idpresponse`));
  // The rest of the deployment: ALB with the ACM certificate, existing subnets, aws-auth, tenants.
  const ing = r.objects.find((o) => o.kind === 'Ingress') as unknown as {
    metadata: { annotations: Record<string, string> };
    spec: { ingressClassName: string; rules: Array<{ host: string }> };
  };
  assert.is(ing.spec.ingressClassName, 'alb');
  assert.is(ing.metadata.annotations['alb.ingress.kubernetes.io/certificate-arn'], config.tls.acmCertificateArn);
  assert.is(ing.metadata.annotations['alb.ingress.kubernetes.io/scheme'], 'internet-facing');
  assert.is(ing.spec.rules[0]!.host, new URL(cfg.redirect_url!).host);
  const cluster = parse(r.tree.get('cluster/eksctl-cluster.yaml')!);
  assert.equal(
    Object.keys(cluster.vpc.subnets.public).sort(),
    Object.keys(config.platform.eks.vpc.subnets.public).sort(),
  );
  assert.is(cluster.vpc.subnets.private['us-west-2a'].id, config.platform.eks.vpc.subnets.private['us-west-2a']);
  assert.ok(r.tree.has('cluster/aws-auth.yaml'));
  const profile = find(r.objects, 'Profile', 'fraud-detection') as unknown as { spec: { owner: { name: string } } };
  assert.is(profile.spec.owner.name, 'priya@globex.com');
  const members = r.objects
    .filter((o) => o.kind === 'RoleBinding' && o.metadata.namespace === 'fraud-detection')
    .map((o) => o.metadata.annotations?.user)
    .sort();
  assert.equal(members, ['lena@globex.com', 'omar@globex.com'], 'group expanded to members other than the owner');
});

// ---------------------------------------------------------------------------------------------
const invalid = suite('invalid provider combinations');
const base = () => ({
  manifests: { version: 'v1.9.1', path: '.' },
  host: 'kubeflow.example.com',
  platform: { provider: 'generic' } as Record<string, unknown>,
  tls: { mode: 'secret', secretName: 't' },
  auth: {
    provider: 'azure-ad',
    azureAd: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      clientId: '5d3f1c2a-9b8e-4f7a-a6d5-0c1b2e3f4a5b',
      clientSecret: { env: 'X' },
    },
    cookieSecret: { env: 'Y' },
  } as Record<string, unknown>,
});
const messages = (c: unknown) =>
  validateProject(c, 'k.yaml').map((p) => `${p.path}: ${p.message}${p.suggestion ? ` (${p.suggestion})` : ''}`);

invalid('dex connectors with provider azure-ad', () => {
  const c = base();
  c.auth.dex = { connectors: [{ type: 'ldap', id: 'ad', name: 'AD', config: { host: 'x' } }] };
  assert.match(
    messages(c).join('\n'),
    /auth\.dex: is only used with provider "dex", but auth\.provider is "azure-ad" \(.*set auth\.provider: dex/,
  );
});

invalid('machine tokens from EKS need the cluster issuer and an EKS platform', () => {
  const c = base();
  c.auth.machineTokens = { eks: true };
  assert.equal(messages(c), ['auth.machineTokens.eks: needs platform.provider: eks']);
  c.platform = {
    provider: 'eks',
    eks: {
      clusterName: 'c',
      region: 'us-east-1',
      kubernetesVersion: '1.30',
      nodeGroups: [{ name: 'n', instanceType: 'm5.xlarge', minSize: 1, desiredCapacity: 1, maxSize: 1 }],
    },
  };
  assert.match(
    messages(c).join('\n'),
    /platform\.eks\.oidcIssuer: is required with auth\.machineTokens\.eks.*placeholder/,
  );
});

invalid('connector credentials must be secret sources; $ and foreign redirect URIs are refused', () => {
  const c = base();
  c.auth = {
    provider: 'dex',
    dex: {
      clientSecret: { env: 'D' },
      connectors: [
        {
          type: 'oidc',
          id: 'okta',
          name: 'Okta',
          config: {
            issuer: 'https://o',
            clientID: 'a',
            clientSecret: 'plain',
            redirectURI: 'https://other/dex/callback',
            userNameKey: '$weird',
          },
        },
      ],
    },
    cookieSecret: { env: 'Y' },
  };
  const m = messages(c).join('\n');
  assert.match(m, /auth\.dex\.connectors\[0\]\.config\.clientSecret: a literal secret is not allowed/);
  assert.match(
    m,
    /auth\.dex\.connectors\[0\]\.config\.redirectURI: must be Dex's callback through the gateway, https:\/\/kubeflow\.example\.com\/dex\/callback/,
  );
  assert.match(m, /auth\.dex\.connectors\[0\]\.config\.userNameKey: contains "\$"/);
});

invalid('each provider needs its own section, and oidc scopes need openid', () => {
  const c = base();
  c.auth.provider = 'cognito';
  assert.match(messages(c).join('\n'), /auth\.cognito: is required when auth\.provider is "cognito"/);
  const o = base();
  o.auth = {
    provider: 'oidc',
    oidc: { issuer: 'https://i', clientId: 'c', clientSecret: { env: 'S' }, scopes: ['email'] },
    cookieSecret: { env: 'Y' },
  };
  assert.match(messages(o).join('\n'), /auth\.oidc\.scopes: must include "openid"/);
});

invalid.run();
