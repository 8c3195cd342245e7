/**
 * npm run bench: renders the full v1.9.1 platform once, then times on the same file
 * kfgen lint (in-process and as a CLI process), the kustomize build and kube-linter, and prints
 * medians and ratios. Add measurements to MEASUREMENTS below.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import yaml from 'js-yaml';
import { fileURLToPath } from 'node:url';
import { lintSources } from '../src/lint/index.js';
import { buildProject } from '../src/pipeline/index.js';
import { writeTreeAtomic } from '../src/pipeline/write-tree.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifests = resolve(process.env.KFGEN_MANIFESTS ?? join(repo, '../shared/kubeflow-manifests/v1.9.1'));
const kustomize = process.env.KUSTOMIZE ?? join(repo, '.tools/bin/kustomize');
const kubeLinter = process.env.KUBE_LINTER ?? join(repo, '.tools/bin/kube-linter');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

if (!existsSync(kustomize) || !existsSync(join(manifests, 'example/kustomization.yaml'))) {
  console.error(`bench needs kustomize (${kustomize}) and the v1.9.1 manifests (${manifests}); set KUSTOMIZE / KFGEN_MANIFESTS`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'kfgen-bench-'));
const full = join(work, 'full.yaml');
const build = () => execFileSync(kustomize, ['build', join(manifests, 'example')], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
writeFileSync(full, build());
const text = readFileSync(full, 'utf8');
console.log(`platform: ${(text.length / 1e6).toFixed(1)} MB, ${text.split('\n').length} lines, ${RUNS} runs each\n`);

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Measurement {
  name: string;
  /** Return a reason to skip, or undefined to run. */
  skip?: () => string | undefined;
  run: () => unknown | Promise<unknown>;
}

const cli = join(repo, 'dist/cli/lint.js');
const MEASUREMENTS: Measurement[] = [
  { name: 'kfgen lint (in-process, schema + all rules)', run: () => lintSources([{ file: full, text }]) },
  {
    name: 'kfgen lint (CLI process, node dist/)',
    skip: () => (existsSync(cli) ? undefined : 'dist/ not built (npm run compile)'),
    run: () => spawnSync(process.execPath, ['-e', `import(${JSON.stringify(cli)}).then(m => m.lintCommand([${JSON.stringify(full)}])).then(c => process.exit(c))`], { stdio: 'ignore' }),
  },
  { name: 'kustomize build v1.9.1/example', run: build },
  {
    name: 'kube-linter lint (default checks)',
    skip: () =>
      existsSync(kubeLinter)
        ? undefined
        : `kube-linter not installed: GOBIN=${join(repo, '.tools/bin')} go install golang.stackrox.io/kube-linter/cmd/kube-linter@latest`,
    run: () => spawnSync(kubeLinter, ['lint', full], { stdio: 'ignore', maxBuffer: 256 * 1024 * 1024 }),
  },
  // Add more here (e.g. KRM function cold start): { name, skip?, run }.
  ...startupMeasurements(),
];

// Cold starts (issue 6): the KRM function and the hooks start a fresh process every time.
function startupMeasurements(): Measurement[] {
  const node = process.execPath;
  const bin = join(repo, 'bin/kfgen.js');
  const fn = join(repo, 'bin/kfgen-fn.js');
  const built = () => (existsSync(join(repo, 'dist/cli/main.js')) ? undefined : 'dist/ not built (npm run compile)');
  // The validator's input as kustomize passes it: the full platform in one ResourceList.
  const list = join(work, 'resource-list.yaml');
  const items = yaml.loadAll(text, undefined, { schema: yaml.CORE_SCHEMA }).filter(Boolean);
  writeFileSync(list, yaml.dump({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig: { apiVersion: 'kfgen.dev/v1alpha1', kind: 'KfgenLint', metadata: { name: 'lint' } } }, { lineWidth: -1, noRefs: true }));
  // The same platform through kustomize, with and without KfgenLint as the last transformer.
  const kdir = join(work, 'validator');
  mkdirSync(kdir);
  writeFileSync(join(kdir, 'platform.yaml'), text);
  writeFileSync(join(kdir, 'lint.yaml'), `apiVersion: kfgen.dev/v1alpha1\nkind: KfgenLint\nmetadata:\n  name: lint\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ${fn}\n`);
  writeFileSync(join(kdir, 'kustomization.yaml'), 'resources: [platform.yaml]\ntransformers: [lint.yaml]\n');
  // A deployment repository for the hooks: a kfgen config, its output, git.
  const deploy = join(work, 'deploy');
  const hooksReady = (async () => {
    mkdirSync(deploy);
    const config = readFileSync(join(repo, 'fixtures/eks-entra-nginx/kfgen.config.yaml'), 'utf8').replace(/^  path: .*$/m, `  path: ${relative(deploy, manifests)}`);
    writeFileSync(join(deploy, 'kfgen.config.yaml'), config);
    const env = { AZURE_CLIENT_SECRET: 'bench-secret', KFGEN_COOKIE_SECRET: '0123456789abcdef0123456789abcdef' };
    const { outDir, tree } = await buildProject({ cwd: deploy, env });
    writeTreeAtomic(outDir, tree);
    execFileSync('git', ['init', '-q'], { cwd: deploy });
    execFileSync('git', ['add', '-A'], { cwd: deploy });
  })();
  const quiet = { stdio: 'ignore' as const, maxBuffer: 256 * 1024 * 1024 };
  return [
    { name: 'kfgen --version (cold start)', skip: built, run: () => spawnSync(node, [bin, '--version'], quiet) },
    { name: 'kfgen-fn KfgenLint, full platform (process)', skip: built, run: () => spawnSync(node, [fn], { ...quiet, input: readFileSync(list) , stdio: ['pipe', 'ignore', 'ignore'] }) },
    { name: 'kustomize build + KfgenLint transformer', skip: built, run: () => spawnSync(kustomize, ['build', '--enable-alpha-plugins', '--enable-exec', kdir], quiet) },
    { name: 'hook kfgen-lint (kfgen lint-repo, renders out/)', skip: built, run: async () => (await hooksReady, spawnSync(node, [bin, 'lint-repo'], { ...quiet, cwd: deploy, env: { ...process.env, KUSTOMIZE: kustomize } })) },
    { name: 'hook kfgen-check (kfgen check)', skip: built, run: async () => (await hooksReady, spawnSync(node, [bin, 'check'], { ...quiet, cwd: deploy })) },
  ];
}

const results = new Map<string, number>();
for (const m of MEASUREMENTS) {
  const reason = m.skip?.();
  if (reason) {
    console.log(`${m.name.padEnd(48)} skipped: ${reason}`);
    continue;
  }
  await m.run(); // warm-up: module loading and JIT are not what we compare
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await time(m.run));
  results.set(m.name, median(times));
  console.log(`${m.name.padEnd(48)} median ${median(times).toFixed(0).padStart(6)} ms  (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
}

const lint = results.get(MEASUREMENTS[0]!.name);
const lintCli = results.get(MEASUREMENTS[1]!.name);
const kz = results.get(MEASUREMENTS[2]!.name);
const kl = results.get(MEASUREMENTS[3]!.name);
console.log('');
const ratio = (a: number | undefined, b: number | undefined, label: string) => {
  if (a !== undefined && b !== undefined) console.log(`${label.padEnd(48)} ${(a / b).toFixed(2)}`);
};
ratio(lint, kz, 'lint in-process / kustomize build');
ratio(lintCli, kz, 'lint CLI / kustomize build');
ratio(lint, kl, 'lint in-process / kube-linter');
ratio(lintCli, kl, 'lint CLI / kube-linter');
if (lint !== undefined && kz !== undefined) console.log(`target lint < 0.5 × kustomize: ${lint < kz / 2 ? 'met' : 'NOT met'}`);

for (const name of ['kfgen --version (cold start)', 'kfgen-fn KfgenLint, full platform (process)', 'kustomize build + KfgenLint transformer', 'hook kfgen-lint (kfgen lint-repo, renders out/)', 'hook kfgen-check (kfgen check)']) {
  ratio(results.get(name), kz, `${name.split(' (')[0].slice(0, 30)} / kustomize build`);
}
