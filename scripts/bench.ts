/**
 * npm run bench: renders the full v1.9.1 platform once, then times on the same file
 * kfgen lint (in-process and as a CLI process), the kustomize build and kube-linter, and prints
 * medians and ratios. Add measurements to MEASUREMENTS below.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintSources } from '../src/lint/index.js';

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
    skip: () => (existsSync(cli) ? undefined : 'dist/ not built (npm run build)'),
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
];

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
