import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { loadFromObject, runPipeline } from '../../src/pipeline/index.js';
import { toYaml } from '../../src/util/yaml.js';
import { fastToYaml } from '../../src/util/fast-yaml.js';
import { CHUNK_OBJECTS } from '../../src/generate/tenancy/files.js';
import type { FileTree } from '../../src/generate/core/model.js';
import { scaleConfig } from '../support/scale.js';
import { manifestsDir, missingTools, repoRoot } from '../support/tools.js';

/*
 * 1,000 users in 100 teams, each with a personal profile and membership of its team through a
 * group (test/support/scale.ts): what the tenancy emits at a size where kustomize used to take
 * half a minute. Generated in memory (placeholder secrets); nothing is applied here — the apply
 * and its pruning are test/e2e/tenancy-prune.test.ts, the timings at 10,000 users `npm run bench`.
 */

const skip = missingTools('manifests');
const test = suite('tenancy at 1,000 users');
const S = {} as { tree: FileTree; ms: number };

test.before(async () => {
  if (skip) return;
  const { loaded, problems } = loadFromObject(scaleConfig(1000, 100, manifestsDir), 'kfgen.config.yaml', repoRoot);
  assert.equal(problems, []);
  const t = performance.now();
  S.tree = (
    await runPipeline({ loaded: loaded!, outDir: `${repoRoot}/out-scale-test`, secrets: 'placeholder', lint: false })
  ).tree;
  S.ms = performance.now() - t;
});

const tenancyFiles = () => [...S.tree.keys()].filter((p) => p.startsWith('tenancy/') && p.endsWith('.yaml'));
const objectsOf = (paths: string[]) =>
  paths.flatMap((p) => parseAllDocuments(S.tree.get(p)!).map((d) => d.toJS() as Record<string, any>));

test('no tenancy object goes through kustomize: the kustomization lists none of tenancy/', () => {
  if (skip) return;
  const k = parse(S.tree.get('kustomization.yaml')!) as { resources: string[] };
  assert.equal(
    k.resources.filter((r) => r.startsWith('tenancy/')),
    [],
  );
  assert.ok(k.resources.includes('applyset/crd.yaml'), 'the ApplySet CRD goes with the platform');
});

test('1,101 Profiles and 900 contributor pairs, in chunks of about CHUNK_OBJECTS, every object labelled', () => {
  if (skip) return;
  const files = tenancyFiles();
  const objects = objectsOf(files);
  const count = (kind: string) => objects.filter((o) => o.kind === kind).length;
  // 100 teams, and a personal profile for each of the 1,000 users and the admin
  assert.is(count('Profile'), 1101);
  // each team's 9 members other than its owner, as a RoleBinding and an AuthorizationPolicy each
  assert.is(count('AuthorizationPolicy'), 900);
  assert.ok(
    files.some((f) => /^tenancy\/profiles-\d+\.yaml$/.test(f)) &&
      files.some((f) => /^tenancy\/contributors-\d+\.yaml$/.test(f)),
    files.join(' '),
  );
  for (const f of files) {
    const n = parseAllDocuments(S.tree.get(f)!).length;
    assert.ok(n <= 2 * CHUNK_OBJECTS, `${f} holds ${n} objects`);
  }
  for (const o of objects)
    assert.is(o.metadata.labels?.['app.kubernetes.io/managed-by'], 'kfgen', `${o.kind} ${o.metadata.name}`);
  // a team's bindings stay in one file (chunks are buckets of the profile name)
  const where = new Map<string, Set<string>>();
  for (const f of files.filter((x) => x.includes('contributors')))
    for (const d of parseAllDocuments(S.tree.get(f)!)) {
      const ns = (d.toJS() as { metadata: { namespace: string } }).metadata.namespace;
      where.set(ns, new Set([...(where.get(ns) ?? []), f]));
    }
  assert.ok([...where.values()].every((s) => s.size === 1));
});

test("the fast serializer writes exactly `yaml`'s bytes for every tenancy object", () => {
  if (skip) return;
  for (const o of objectsOf(tenancyFiles())) {
    const a = fastToYaml(o);
    if (a !== toYaml(o)) assert.fixture(a, toYaml(o));
  }
});

test('NEXT_STEPS stays short; the member table is in tenancy/MEMBERS.md', () => {
  if (skip) return;
  const steps = S.tree.get('NEXT_STEPS.md')!;
  assert.ok(steps.split('\n').length < 300, `NEXT_STEPS.md has ${steps.split('\n').length} lines`);
  assert.ok(!steps.includes('user999@example.com'));
  assert.match(S.tree.get('tenancy/MEMBERS.md')!, '| `team-0099` | `user990@example.com` |');
  assert.match(steps, '--prune --applyset=applysets.kfgen.dev/kfgen-tenancy -f tenancy/');
});

test('generating 1,000 users takes well under the bare platform build (seconds, not half a minute)', () => {
  if (skip) return;
  // Generous for a loaded 2-core machine; the measured ratios are in docs/bench.md.
  assert.ok(S.ms < 15_000, `${S.ms.toFixed(0)} ms`);
});

test.run();
