import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import { find, findGenerated, missingTools, repoRoot, type K8sObject } from '../support/tools.js';
import { FIXTURE_ENV, fixtureConfig, goldenDiff, renderFixture, type RenderedFixture } from '../support/fixtures.js';
import { objectKey, upstreamDefaultSecrets, upstreamObjects, upstreamPlatform } from '../support/upstream.js';
import { cfgOf, findAs, findGeneratedAs, secretData } from '../support/objects.js';
import { buildProject } from '../../src/pipeline/index.js';
import { manifestsDir } from '../support/tools.js';
import { durationSeconds } from '../../src/util/duration.js';
import type { EksctlCluster } from '../support/eksctl.js';

const skip = missingTools('kustomize', 'manifests');

function envOf(objects: K8sObject[], ns: string, deployment: string, container: string) {
  const d = findAs<{
    spec: {
      template: {
        spec: {
          containers: Array<{
            name: string;
            env: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
          }>;
        };
      };
    };
  }>(objects, 'Deployment', deployment, ns);
  return d.spec.template.spec.containers.find((c) => c.name === container)!.env;
}

function assertNoUpstreamDefaults(text: string) {
  for (const secret of upstreamDefaultSecrets())
    assert.not.ok(text.includes(secret), `upstream default secret ${secret.slice(0, 6)}… survived`);
}

// ---------------------------------------------------------------------------------------------
const entra = suite('fixture eks-entra-nginx');
const E = {} as RenderedFixture;
const entraConfig = parse(readFileSync(fixtureConfig('eks-entra-nginx'), 'utf8'));

entra.before(async () => {
  if (skip) return;
  Object.assign(E, await renderFixture('eks-entra-nginx'));
});

entra('output matches the golden tree', async () => {
  if (skip) return;
  assert.equal(await goldenDiff('eks-entra-nginx', E.outDir, E.tree), []);
});

entra('oauth2-proxy and the gateway trust the same Entra ID issuer and audience', () => {
  if (skip) return;
  const cfg = cfgOf(E.objects);
  const ra = findAs<{
    spec: {
      jwtRules: Array<{
        issuer: string;
        audiences?: string[];
        outputClaimToHeaders: Array<{ header: string; claim: string }>;
      }>;
    };
  }>(E.objects, 'RequestAuthentication', 'dex-jwt', 'istio-system');
  const expected = `https://login.microsoftonline.com/${entraConfig.auth.azureAd.tenantId}/v2.0`;
  assert.is(cfg.oidc_issuer_url, expected);
  assert.is(ra.spec.jwtRules[0]!.issuer, cfg.oidc_issuer_url);
  assert.equal(ra.spec.jwtRules[0]!.audiences, [entraConfig.auth.azureAd.clientId]);
  assert.equal(ra.spec.jwtRules[0]!.outputClaimToHeaders[0], {
    header: 'kubeflow-userid',
    claim: entraConfig.auth.userClaim,
  });
  assert.is(cfg.scope!.split(' ').sort().join(' '), 'email offline_access openid profile');
  for (const dexKey of ['skip_oidc_discovery', 'login_url', 'redeem_url', 'oidc_jwks_url', 'prompt'])
    assert.not.ok(dexKey in cfg, `${dexKey} left in cfg`);
  assert.is(cfg.cookie_expire, '24h');
  // The config sets no session: the default refresh must come before Entra ID's 60-minute ID tokens expire.
  const refresh = durationSeconds(cfg.cookie_refresh!) ?? 0;
  assert.ok(refresh > 0 && refresh < 3600, `cookie_refresh ${cfg.cookie_refresh} is not within Entra ID's token life`);
});

entra('redirect URL, Ingress host and TLS host agree', () => {
  if (skip) return;
  const cfg = cfgOf(E.objects);
  const ing = findAs<{
    metadata: { annotations: Record<string, string> };
    spec: {
      ingressClassName: string;
      tls: Array<{ hosts: string[]; secretName: string }>;
      rules: Array<{
        host: string;
        http: { paths: Array<{ backend: { service: { name: string; port: { number: number } } } }> };
      }>;
    };
  }>(E.objects, 'Ingress', 'kubeflow', 'istio-system');
  const url = new URL(cfg.redirect_url!);
  assert.is(url.protocol, 'https:');
  assert.is(url.pathname, '/oauth2/callback');
  assert.is(cfg.relative_redirect_url, 'false');
  assert.is(ing.spec.rules[0]!.host, url.host);
  assert.equal(ing.spec.tls[0]!.hosts, [url.host]);
  assert.is(ing.spec.tls[0]!.secretName, entraConfig.tls.secretName);
  assert.is(ing.spec.ingressClassName, 'nginx');
  const backend = ing.spec.rules[0]!.http.paths[0]!.backend.service;
  assert.ok(
    find(E.objects, 'Service', backend.name, 'istio-system'),
    'Ingress backend Service exists in the Ingress namespace',
  );
  assert.is(backend.port.number, 80);
  assert.is(ing.metadata.annotations['nginx.ingress.kubernetes.io/proxy-buffer-size'], '128k');
  assert.is(
    ing.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'],
    '3600',
    'user annotation merged',
  );
  const params = findGeneratedAs<{
    data: Record<string, string>;
  }>(E.objects, 'ConfigMap', 'oauth2-proxy-parameters', 'oauth2-proxy');
  assert.is(params.data.FORCE_HTTPS, 'true');
  assert.is(params.data.ALLOW_SELF_SIGNED_ISSUER, 'false');
});

entra('secrets come from their sources and only land under secrets/', () => {
  if (skip) return;
  const secret = findGenerated(E.objects, 'Secret', 'oauth2-proxy', 'oauth2-proxy');
  assert.equal(secretData(secret), {
    'client-id': entraConfig.auth.azureAd.clientId,
    'client-secret': FIXTURE_ENV.AZURE_CLIENT_SECRET,
    'cookie-secret': FIXTURE_ENV.KFGEN_COOKIE_SECRET,
  });
  for (const e of envOf(E.objects, 'oauth2-proxy', 'oauth2-proxy', 'oauth2-proxy').filter(
    (e) => e.valueFrom?.secretKeyRef,
  )) {
    assert.is(e.valueFrom!.secretKeyRef!.name, secret!.metadata.name, `${e.name} reads the generated Secret`);
  }
  for (const [path, content] of E.tree) {
    if (path.startsWith('secrets/')) continue;
    for (const v of [FIXTURE_ENV.AZURE_CLIENT_SECRET!, FIXTURE_ENV.KFGEN_COOKIE_SECRET!])
      assert.not.ok(content.includes(v), `secret value in committed file ${path}`);
  }
  assert.match(E.tree.get('.gitignore')!, /^secrets\/$/m);
  assertNoUpstreamDefaults(E.text);
});

entra('Dex and the example profile are left out and everything else upstream is kept', () => {
  if (skip) return;
  const dex = new Set(upstreamObjects('common/dex/overlays/oauth2-proxy').map(objectKey));
  // The example profile for user@example.com (and the ConfigMap that parameterizes it) is upstream's demo user.
  for (const k of upstreamObjects('common/user-namespace/base').map(objectKey)) dex.add(k);
  const upstream = upstreamPlatform().map(objectKey);
  const rendered = new Set(E.objects.map(objectKey));
  assert.is(E.objects.filter((o) => o.metadata.namespace === 'auth' || o.metadata.name === 'dex').length, 0);
  const missing = upstream.filter((k) => !dex.has(k) && !rendered.has(k));
  assert.equal(missing, [], 'upstream objects lost');
  const extra = [...rendered].filter((k) => !upstream.includes(k)).sort();
  assert.equal(extra, ['Ingress/istio-system/kubeflow', 'StorageClass//gp3']);
  // 569 upstream objects - 11 of Dex - 2 of the example profile + the Ingress and the default StorageClass
  assert.is(E.objects.length, upstream.length - dex.size + 2);
});

entra("eksctl ClusterConfig validates against eksctl's schema and carries the platform values", () => {
  if (skip) return;
  const schemaFile = join(manifestsDir, '../../schemas/eksctl-v1alpha5.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  const cluster: EksctlCluster = parse(E.tree.get('cluster/eksctl-cluster.yaml')!);
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  assert.ok(validate(cluster), JSON.stringify(validate.errors, null, 1));
  const eks = entraConfig.platform.eks;
  assert.equal(cluster.metadata, {
    name: eks.clusterName,
    region: eks.region,
    version: eks.kubernetesVersion,
    // What eks-version-unsupported reads to know the release's tested versions.
    annotations: { 'kfgen.dev/kubeflow-release': 'v1.9.1' },
  });
  assert.is(cluster.iam.withOIDC, true);
  assert.is(cluster.accessConfig.authenticationMode, 'API_AND_CONFIG_MAP');
  assert.equal(cluster.addons.map((a: { name: string }) => a.name).sort(), [
    'aws-ebs-csi-driver',
    'eks-pod-identity-agent',
  ]);
  assert.is(cluster.managedNodeGroups[0]!.instanceType, eks.nodeGroups[0].instanceType);
});

entra('aws-auth patch maps the configured roles and users', () => {
  if (skip) return;
  const text = E.tree.get('cluster/aws-auth.yaml')!;
  const cm = parse(text);
  assert.equal(cm.metadata, { name: 'aws-auth', namespace: 'kube-system' });
  assert.equal(parse(cm.data.mapRoles), entraConfig.platform.eks.awsAuth.mapRoles);
  assert.equal(parse(cm.data.mapUsers), entraConfig.platform.eks.awsAuth.mapUsers);
  // Added with eksctl, which keeps the node role already in aws-auth; the file itself is never applied.
  assert.match(text, /Do not apply or merge-patch this file/);
  assert.match(
    E.tree.get('NEXT_STEPS.md')!,
    /^eksctl create iamidentitymapping --cluster \S+ --region \S+ --arn arn:aws:iam::\d+:role\//m,
  );
});

entra('NEXT_STEPS.md names the exact values to register', () => {
  if (skip) return;
  const md = E.tree.get('NEXT_STEPS.md')!;
  const cfg = cfgOf(E.objects);
  assert.ok(md.includes(`\`${cfg.redirect_url}\``), 'redirect URI');
  assert.ok(md.includes(entraConfig.auth.azureAd.clientId) && md.includes(entraConfig.auth.azureAd.tenantId));
  assert.ok(md.includes(`kubectl create secret tls ${entraConfig.tls.secretName} -n istio-system`));
  assert.match(md, /kubectl apply --server-side/);
  assert.match(md, /Retrying/);
  assert.match(md, /optional claim/);
  assert.match(md, /DNS record for `kubeflow\.contoso\.com`/);
});

entra('the same config gives the same bytes', async () => {
  if (skip) return;
  const again = await buildProject({
    cwd: repoRoot,
    configFile: fixtureConfig('eks-entra-nginx'),
    outDir: E.outDir,
    manifestsDir,
    env: FIXTURE_ENV,
  });
  assert.equal([...again.tree.entries()], [...E.tree.entries()]);
});

entra.run();

// ---------------------------------------------------------------------------------------------
const dex = suite('fixture dex-static-user');
const D = {} as RenderedFixture;
const dexConfig = parse(readFileSync(fixtureConfig('dex-static-user'), 'utf8'));

dex.before(async () => {
  if (skip) return;
  Object.assign(D, await renderFixture('dex-static-user'));
});

dex('output matches the golden tree', async () => {
  if (skip) return;
  assert.equal(await goldenDiff('dex-static-user', D.outDir, D.tree), []);
});

dex('Dex, oauth2-proxy and the gateway agree on issuer, client and redirect URL', () => {
  if (skip) return;
  const cfg = cfgOf(D.objects);
  const dexCm = findAs<{ data: Record<string, string> }>(D.objects, 'ConfigMap', 'dex', 'auth');
  const dexCfg = parse(dexCm.data['config.yaml']!);
  const ra = findAs<{
    spec: { jwtRules: Array<{ issuer: string }> };
  }>(D.objects, 'RequestAuthentication', 'dex-jwt', 'istio-system');
  assert.is(cfg.oidc_issuer_url, dexCfg.issuer);
  assert.is(ra.spec.jwtRules[0]!.issuer, dexCfg.issuer);
  assert.equal(dexCfg.staticClients[0].redirectURIs, [cfg.redirect_url]);
  assert.is(new URL(cfg.redirect_url!).host, dexConfig.host);
  const env = dexEnv(D.objects);
  const proxy = secretData(findGenerated(D.objects, 'Secret', 'oauth2-proxy', 'oauth2-proxy'));
  assert.is(env.OIDC_CLIENT_ID, proxy['client-id']);
  assert.is(env.OIDC_CLIENT_SECRET, proxy['client-secret']);
  assert.is(env.OIDC_CLIENT_SECRET, FIXTURE_ENV.DEX_CLIENT_SECRET);
  assert.is(
    proxy['cookie-secret'],
    readFileSync(join(repoRoot, 'fixtures/dex-static-user/cookie-secret.txt'), 'utf8').trim(),
  );
});

dex('only the configured users exist, with hashes from their sources', () => {
  if (skip) return;
  const dexCfg = parse(
    findAs<{ data: Record<string, string> }>(D.objects, 'ConfigMap', 'dex', 'auth').data['config.yaml']!,
  );
  assert.equal(
    dexCfg.staticPasswords.map((u: { email: string }) => u.email),
    dexConfig.auth.dex.users.map((u: { email: string }) => u.email),
  );
  assert.not.ok(
    dexCfg.staticPasswords.some((u: { email: string }) => u.email === 'user@example.com'),
    'upstream default Dex user survived',
  );
  const env = dexEnv(D.objects);
  const envs = dexCfg.staticPasswords.map((u: { hashFromEnv: string }) => u.hashFromEnv);
  assert.equal(
    Object.keys(env)
      .filter((k) => k.startsWith('DEX_USER_PASSWORD'))
      .sort(),
    [...envs].sort(),
  );
  assert.is(env[envs[0]], FIXTURE_ENV.DEX_ADMIN_HASH);
  assertNoUpstreamDefaults(D.text);
  const deployment = findAs<{
    spec: { template: { metadata: { annotations: Record<string, string> } } };
  }>(D.objects, 'Deployment', 'dex', 'auth');
  assert.match(deployment.spec.template.metadata.annotations['kfgen.dev/config-checksum']!, /^[0-9a-f]{16}$/);
});

dex('plain HTTP: no Ingress, cookies not forced secure, object count unchanged', () => {
  if (skip) return;
  assert.is(D.objects.filter((o) => o.kind === 'Ingress').length, 0);
  const params = findGeneratedAs<{
    data: Record<string, string>;
  }>(D.objects, 'ConfigMap', 'oauth2-proxy-parameters', 'oauth2-proxy');
  assert.is(params.data.FORCE_HTTPS, 'false');
  assert.is(new URL(cfgOf(D.objects).redirect_url!).protocol, 'http:');
  const example = upstreamObjects('common/user-namespace/base');
  assert.is(example.length, 2);
  // + the Secret dex-secrets that carries Dex's values under a hashed name
  assert.is(D.objects.length, upstreamPlatform().length - example.length + 1);
  assert.not.ok(D.tree.has('cluster/eksctl-cluster.yaml'), 'no cluster file for a generic platform');
});

dex('rotating a Dex secret renames the Secret Dex reads, so Dex restarts with oauth2-proxy', async () => {
  if (skip) return;
  const rotated = await buildProject({
    cwd: repoRoot,
    configFile: fixtureConfig('dex-static-user'),
    outDir: D.outDir,
    manifestsDir,
    env: { ...FIXTURE_ENV, DEX_CLIENT_SECRET: 'rotated-client-secret' },
  });
  const kustomization = (t: Map<string, string>) => t.get('kustomization.yaml');
  // Same overlay text: the new value only changes the generated Secret, whose hash kustomize computes.
  assert.is(kustomization(rotated.tree), kustomization(D.tree));
  assert.is.not(rotated.tree.get('secrets/auth-dex-secrets.env'), D.tree.get('secrets/auth-dex-secrets.env'));
  const secrets = findGenerated(D.objects, 'Secret', 'dex-secrets', 'auth')!;
  assert.match(secrets.metadata.name, /^dex-secrets-[a-z0-9]{10}$/, 'hash-suffixed');
});

/** Dex's environment as its Deployment assembles it: envFrom in order (later wins), from rendered Secrets. */
function dexEnv(objects: K8sObject[]): Record<string, string> {
  const d = find(objects, 'Deployment', 'dex', 'auth') as unknown as {
    spec: { template: { spec: { containers: Array<{ envFrom: Array<{ secretRef: { name: string } }> }> } } };
  };
  const env: Record<string, string> = {};
  for (const from of d.spec.template.spec.containers[0]!.envFrom)
    Object.assign(env, secretData(find(objects, 'Secret', from.secretRef.name, 'auth')));
  return env;
}

dex.run();
