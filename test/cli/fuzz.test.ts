/**
 * Property-based fuzzing (fast-check) of the config loader, `kfgen build` and `kfgen-fn`, a few
 * hundred cases with a fixed seed (`npm run fuzz` runs 10,000 configs and 1,000 ResourceLists with
 * a random one). Generated valid configs must build, and build the same bytes whatever their key
 * order; mutated ones must exit 1 with `file:line: field.path: …` lines naming the broken field,
 * no stack trace, and a previous out/ left byte-identical; malformed ResourceLists must exit 1
 * with `kfgen-fn: …` on stderr and an error result, in bounded time.
 * Simulated: no kustomize (the generator is pure; rendering is the fixture tests' job), a stub
 * manifests tree of the marker files `loadConfig` checks, secrets in a scratch environment.
 */
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { suite } from '../support/suite.js';
import {
  hostileManifest,
  invalidConfig,
  malformedList,
  validConfig,
  BCRYPT_HASH,
  type ConfigCase,
  type InvalidCase,
} from '../support/arbitraries.js';
import { Harness } from '../support/fuzz-harness.js';
import { lintSources } from '../../src/lint/index.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
console.log(`fuzz: seed ${SEED} (FUZZ_SEED=<n> to change it)`);

const harness = new Harness();
const property = <T>(arb: fc.Arbitrary<T>, check: (x: T) => Promise<string | undefined>, numRuns: number) =>
  fc.assert(
    fc.asyncProperty(arb, async (x) => {
      const defect = await check(x);
      if (defect) throw new Error(defect);
    }),
    { seed: SEED, numRuns },
  );

const fuzz = suite('fuzz: generated inputs');

fuzz(
  'valid configs (all providers, platforms, TLS modes, ingress kinds, tenancy) build in-process, independent of key order',
  async () => {
    await property(validConfig, (c) => harness.config(c, { valid: true }), 60);
  },
);

fuzz('invalid configs exit 1 naming the field, with no stack trace and out/ untouched', async () => {
  await property(invalidConfig, (c) => harness.config(c, { valid: false }), 100);
});

fuzz('malformed ResourceLists: kfgen-fn exits 1 with a message and an error result, in bounded time', async () => {
  await property(malformedList, (l) => harness.list(l), 100);
});

fuzz('hostile YAML in a manifest: kfgen lint reports yaml-syntax and exits 1, no stack trace', async () => {
  await property(hostileManifest, (m) => harness.manifest(m), 30);
});

fuzz('the same properties hold for kfgen and kfgen-fn run as processes (a small sample)', async () => {
  await property(validConfig, (c) => harness.config(c, { valid: true, process: true }), 1);
  await property(invalidConfig, (c) => harness.config(c, { valid: false, process: true }), 2);
  await property(malformedList, (l) => harness.list(l, { process: true }), 2);
});

fuzz.run();

// ---------------------------------------------------------------------------------------------
// Each defect the fuzzer found, as a fixed case.

const AZURE: ConfigCase = {
  config: {
    manifests: { version: 'v1.9.1', path: 'manifests' },
    host: 'kubeflow.example.com',
    platform: { provider: 'generic' },
    tls: { mode: 'secret', secretName: 'kubeflow-tls' },
    ingress: { kind: 'nginx' },
    auth: {
      provider: 'azure-ad',
      azureAd: {
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        clientId: '5d3f1c2a-9b8e-4f7a-a6d5-0c1b2e3f4a5b',
        clientSecret: { env: 'FUZZ_SECRET_1' },
      },
      cookieSecret: { file: 'cookie.txt' },
    },
  },
  env: { FUZZ_SECRET_1: 'client-secret' },
  files: { 'cookie.txt': '0123456789abcdef\n' },
  format: 'yaml',
};
const broken = (c: Partial<InvalidCase>): InvalidCase => ({ ...AZURE, mutation: 'fixed case', ...c });

const found = suite('fuzz: defects found, fixed');
// The last suite of the file: uvu runs them in order.
found.after(() => harness.close());

found(
  'NEXT_STEPS.md lists existingSecret commands in the same order whatever the key order (was: config key order)',
  async () => {
    const dex: ConfigCase = {
      ...AZURE,
      config: {
        ...AZURE.config,
        auth: {
          provider: 'dex',
          dex: {
            connectors: [
              {
                type: 'oidc',
                id: 'okta',
                name: 'Okta',
                config: {
                  issuer: 'https://okta.example.com',
                  clientID: 'kf',
                  clientSecret: { existingSecret: { name: 'okta', key: 'secret' } },
                },
              },
            ],
            users: [{ email: 'admin@example.com', passwordHash: { env: 'FUZZ_SECRET_1' } }],
            clientSecret: { existingSecret: { name: 'dex-client', key: 'secret' } },
          },
          cookieSecret: { existingSecret: { name: 'cookie', key: 'secret' } },
        },
      },
      env: { FUZZ_SECRET_1: BCRYPT_HASH },
    };
    // The harness rebuilds with shuffled keys and compares every file.
    for (let i = 0; i < 3; i++) assert.is(await harness.config(dex, { valid: true }), undefined);
  },
);

found(
  "keepExampleProfile with programmatic access to the example profile builds (was: refused by the lint gate, which never saw upstream's Profile)",
  async () => {
    const config = {
      ...AZURE.config,
      tenancy: { keepExampleProfile: true },
      programmaticAccess: [{ profile: 'kubeflow-user-example-com' }],
    };
    assert.is(await harness.config({ ...AZURE, config }, { valid: true }), undefined);
  },
);

found(
  "ACME HTTP-01 behind ingress-nginx builds (was: refused: the cert-manager models predate v1.14's ingressClassName)",
  async () => {
    const config = { ...AZURE.config, tls: { mode: 'acme', acme: { email: 'pki@example.com', challenge: 'http01' } } };
    assert.is(await harness.config({ ...AZURE, config }, { valid: true }), undefined);
    // The field is known now, and a misspelling of it still is not.
    const issuer = (field: string) =>
      `apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: le}\nspec:\n  acme:\n    server: https://acme-v02.api.letsencrypt.org/directory\n    privateKeySecretRef: {name: le}\n    solvers:\n    - http01:\n        ingress: {${field}: nginx}\n`;
    const unknown = async (field: string) =>
      (await lintSources([{ file: 'issuer.yaml', text: issuer(field) }], {})).filter(
        (f) => f.ruleId === 'schema-unknown-field',
      );
    assert.equal(await unknown('ingressClassName'), []);
    assert.match(
      (await unknown('ingressClassNam'))[0]?.message ?? '',
      /unknown field "spec\.acme\.solvers\[0\]\.http01\.ingress\.ingressClassNam"/,
    );
  },
);

found(
  'junk YAML found by the search names the file relative to the cwd, with its line (was: absolute path, no line, "YAML Error in …")',
  async () => {
    for (let i = 0; i < 2; i++) {
      // Odd and even runs differ: one names --config, one lets the search find the file.
      const r = await harness.build(broken({ text: 'host: a.example.com\nhost: b.example.com\n' }), { valid: false });
      assert.is(r.defect, undefined, r.defect);
      assert.is(r.stderr, 'kfgen.config.yaml:2: not valid YAML: Map keys must be unique\n');
    }
  },
);

found(
  'an alias bomb or deep nesting in the config exits 1 (was: internal error with a stack trace, exit 2)',
  async () => {
    const bomb =
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const r = await harness.build(broken({ text: bomb }), { valid: false });
    assert.is(r.defect, undefined, r.defect);
    // The budget is the text's length plus 10,000 values: what a document without aliases can hold.
    assert.match(r.stderr!, /^kfgen\.config\.yaml:5: e: expands to more than 10\d{3} values through YAML aliases/m);
  },
);

found(
  'a host label longer than 63 characters is refused (was: accepted, then refused by the Ingress, Gateway and certificate)',
  async () => {
    const config = { ...AZURE.config, host: `${'a'.repeat(64)}.example.com` };
    const r = await harness.build(broken({ config, path: 'host' }), { valid: false });
    assert.is(r.defect, undefined, r.defect);
    assert.match(
      r.stderr!,
      /^kfgen\.config\.yaml:4: host: has a label of 64 characters; a DNS label holds at most 63$/m,
    );
  },
);

found(
  'an empty kfgen.config.yaml, or one that reads as null, is an invalid config, exit 1 (was: "no kfgen config found", exit 2)',
  async () => {
    for (const text of ['', '', '# only a comment\n', '# only a comment\n', '&\u0001', '&\u0001']) {
      // Each text twice: once named with --config, once found by the search.
      const r = await harness.build(broken({ text }), { valid: false });
      assert.is(r.defect, undefined, r.defect);
    }
  },
);

found('an empty secret file is refused like an unset variable (was: accepted, an empty client secret)', async () => {
  const r = await harness.build(broken({ files: { 'cookie.txt': '\n' }, path: 'auth.cookieSecret' }), { valid: false });
  assert.is(r.defect, undefined, r.defect);
  assert.match(r.stderr!, /auth\.cookieSecret: secret file .*cookie\.txt is empty/);
});

found(
  'a malformed secret source inside a Dex connector config is refused (was: { existingSecret: { key } } accepted, a Secret reference without a name)',
  async () => {
    const config = {
      ...AZURE.config,
      auth: {
        provider: 'dex',
        dex: {
          connectors: [
            {
              type: 'oidc',
              id: 'okta',
              name: 'Okta',
              config: {
                issuer: 'https://okta.example.com',
                clientID: 'kf',
                clientSecret: { existingSecret: { key: 'secret' } },
              },
            },
          ],
          clientSecret: { env: 'FUZZ_SECRET_1' },
        },
        cookieSecret: { file: 'cookie.txt' },
      },
    };
    const r = await harness.build(broken({ config, path: 'auth.dex.connectors[0].config.clientSecret' }), {
      valid: false,
    });
    assert.is(r.defect, undefined, r.defect);
    assert.match(r.stderr!, /auth\.dex\.connectors\[0\]\.config\.clientSecret: is not a secret source \(allowed: /);
  },
);

found(
  'kfgen-fn refuses an alias bomb at once (was: a 600-byte list expanded to 46 MB of output in 5 s, more for n > 9)',
  async () => {
    const levels = ['l0: &l0 [lol, lol, lol]'];
    for (let i = 1; i <= 6; i++)
      levels.push(
        `l${i}: &l${i} [${Array(12)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    const stdin = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: example.com/v1\n  kind: Widget\n  metadata: {name: bomb}\n  spec:\n${levels.map((l) => `    ${l}`).join('\n')}\n`;
    const t0 = performance.now();
    const r = await harness.fn({ what: 'alias bomb', stdin });
    assert.is(r.defect, undefined, r.defect);
    assert.ok(performance.now() - t0 < 2000, 'answers at once');
    assert.match(r.stderr!, /^kfgen-fn: input expands to more than \d+ nodes through YAML aliases/);
  },
);

found('kfgen-fn refuses a duplicate key (was: the last one silently won)', async () => {
  const r = await harness.fn({
    what: 'duplicate key',
    stdin:
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nitems: [{apiVersion: v1, kind: Secret, metadata: {name: x}}]\n',
  });
  assert.is(r.defect, undefined, r.defect);
  assert.match(r.stderr!, /^kfgen-fn: input is not valid YAML: duplicated mapping key/);
});

found.run();
