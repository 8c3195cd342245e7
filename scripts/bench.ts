/**
 * `npm run bench`: kfgen against the tools people would use instead, in one run, as ratios
 * (issue 13). Not part of `npm test`: it takes minutes and its numbers depend on the machine.
 *
 *   kfgen lint (cold process) vs kubeconform v0.8.0 (strict, schemas from the test kube-apiserver's
 *   /openapi/v2 after the platform's CRDs are applied) vs kube-score v1.20.0 vs kustomize build,
 *   all on the same rendered platform; the kfgen-lint pre-commit hook (`kfgen lint-repo`) vs a bare
 *   `kustomize build` of the same repository, and its run on an unchanged repository (answered
 *   from its cache) vs its first run; `kfgen build` and the rendering of what is applied
 *   (kustomize build of out/ + reading tenancy/) at 100, 1,000 and 10,000 users, against the bare
 *   upstream platform's kustomize build; peak memory (RSS) of each.
 *
 * Per release (v1.9.1, v1.10.2, v1.11.0, 26.03; issue 18): `kfgen build` of the same config and
 * `kustomize build` of its out/, against the release's bare upstream build (example/, offline
 * through vendor/ for v1.11.0 and 26.03); `kfgen lint` of that release's full platform against
 * kubeconform with schemas from a kube-apiserver of the version the release targets, with the
 * release's CRDs applied.
 *
 * Options: --users 100,1000,10000  --runs 3 (the median of that many runs is reported)
 *          --releases v1.9.1,v1.10.2,v1.11.0,26.03 (the per-release section; "" skips it)
 *          --write docs/bench.md (keep the numbers of this run there)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { parseArgs } from 'node:util';
import {
  kustomizeBin,
  manifestsDir,
  manifestsDirFor,
  missingTools,
  remoteBasesDir,
  repoRoot,
} from '../test/support/tools.js';
import { FIXTURE_ENV, fixtureConfig } from '../test/support/fixtures.js';
import { scaleConfig } from '../test/support/scale.js';
import { startControlPlane } from '../test/support/control-plane.js';
import { KUBECONFORM_TEMPLATE, writeKubeconformSchemas } from './openapi-to-kubeconform.js';
import { releaseTools, missingReleaseTools } from '../test/support/release-tools.js';
import { offlineExample } from '../test/support/upstream.js';
import { release as releaseOf } from '../src/kubeflow/releases/index.js';
import type { ReleaseId } from '../src/kubeflow/release.js';
import { proposedEksVersion } from '../src/kubeflow/clouds.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100,1000,10000' },
    runs: { type: 'string', default: '3' },
    write: { type: 'string' },
    releases: { type: 'string', default: 'v1.9.1,v1.10.2,v1.11.0,26.03' },
  },
});
const USERS = values.users.split(',').map(Number);
const RUNS = Number(values.runs);
const bin = (n: string) => join(repoRoot, '.tools/bin', n);
const KFGEN = join(repoRoot, 'bin/kfgen.js');

interface Sample {
  seconds: number;
  rssMb: number;
}

/** Runs a command under /usr/bin/time -f; the median of RUNS by wall time, with its peak RSS. */
function measure(
  cmd: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdout?: string; runs?: number; findings?: boolean } = {},
): Sample {
  const samples: Sample[] = [];
  for (let i = 0; i < (opts.runs ?? RUNS); i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...cmd], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    // A failed command's time measures nothing (a build refused in 0.5 s, a render of nothing).
    // Linters exit 1 when they report something (upstream's platform has findings); 2 and up is a failure.
    if (r.status !== 0 && !(opts.findings && r.status === 1))
      throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr.slice(-600)}`);
    const last = r.stderr.trim().split('\n').pop() ?? '';
    const [e, m] = last.split(' ').map(Number);
    if (e === undefined || Number.isNaN(e)) throw new Error(`${cmd.join(' ')}: no timing (${r.stderr.slice(-400)})`);
    if (opts.stdout) writeFileSync(opts.stdout, r.stdout);
    samples.push({ seconds: e, rssMb: (m ?? 0) / 1024 });
  }
  samples.sort((a, b) => a.seconds - b.seconds);
  return samples[Math.floor(samples.length / 2)]!;
}

const rows: Array<{ what: string; sample: Sample; ratio?: string }> = [];
const row = (what: string, sample: Sample, base?: Sample, baseName?: string) => {
  rows.push({ what, sample, ratio: base ? `${(sample.seconds / base.seconds).toFixed(2)}× ${baseName}` : undefined });
  console.error(`  ${what}: ${sample.seconds.toFixed(2)} s, ${sample.rssMb.toFixed(0)} MB`);
};

function docsOf(text: string): number {
  return parseAllDocuments(text).filter((d) => d.contents !== null).length;
}

async function releaseRows(id: ReleaseId, work: string): Promise<void> {
  const tools = releaseTools[id];
  if (missingReleaseTools(id, 'control-plane')) return;
  console.error(`bench: Kubeflow ${id}`);
  const dir = join(work, `release-${id}`);
  mkdirSync(dir);
  const base = parseAllDocuments(readFileSync(fixtureConfig('eks-entra-teams'), 'utf8'))[0]!.toJS() as Record<
    string,
    any
  >;
  const r = releaseOf(id);
  base.manifests = {
    version: id,
    path: manifestsDirFor(id),
    ...(r.remoteBases.length ? { remoteBases: remoteBasesDir } : {}),
  };
  // As `kfgen init` proposes: one EKS still creates and, where there is one, the release was tested on.
  base.platform.eks.kubernetesVersion = proposedEksVersion(r);
  writeFileSync(join(dir, 'kfgen.config.yaml'), stringify(base));
  const example = offlineExample(id, work);
  const upstream = measure([kustomizeBin, 'build', example]);
  row(`${id}: kustomize build example/ (upstream platform)`, upstream);
  const build = measure(['node', KFGEN, 'build'], { cwd: dir, env: FIXTURE_ENV });
  row(`${id}: kfgen build (eks-entra-teams config)`, build, upstream, 'upstream build');
  const rendered = join(dir, 'platform.yaml');
  const render = measure([kustomizeBin, 'build', join(dir, 'out')], { stdout: rendered });
  row(`${id}: kustomize build out/`, render, upstream, 'upstream build');
  const text = readFileSync(rendered, 'utf8');
  const schemas = join(dir, 'schemas');
  const cp = await startControlPlane({
    binaries: { kubeApiserver: tools.kubeApiserver.bin, kubectl: tools.kubectl.bin },
  });
  try {
    const crds = parseAllDocuments(text)
      .map((d) => d.toJS())
      .filter((o) => o?.kind === 'CustomResourceDefinition');
    await cp.kubectl(['apply', '--server-side', '-f', '-'], { input: crds.map((o) => stringify(o)).join('---\n') });
    await cp.kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=120s']);
    const { stdout } = await cp.kubectl(['get', '--raw', '/openapi/v2']);
    writeKubeconformSchemas(JSON.parse(stdout), schemas);
  } finally {
    await cp.stop();
  }
  const kubeconform = measure(
    [bin('kubeconform'), '-strict', '-summary', '-schema-location', join(schemas, KUBECONFORM_TEMPLATE), rendered],
    { findings: true },
  );
  const lint = measure(['node', KFGEN, 'lint', rendered], { findings: true });
  row(`${id}: kfgen lint, ${docsOf(text)} objects (cold process)`, lint, kubeconform, 'kubeconform');
  row(`${id}: kubeconform -strict (${tools.kubeApiserver.label} schemas)`, kubeconform, render, 'kustomize build out/');
}

async function main() {
  if (missingTools('kustomize', 'manifests', 'control-plane')) process.exit(1);
  for (const t of ['kubeconform', 'kube-score']) {
    try {
      execFileSync(bin(t), ['-h'], { stdio: 'ignore' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error(`${bin(t)} is missing: run \`npm run tools\``);
    }
  }
  console.error('bench: compiling dist/ (kfgen runs as a cold process from it)');
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(repoRoot, 'tsconfig.json'), '--noCheck'],
    { stdio: 'inherit' },
  );
  const work = mkdtempSync(join(tmpdir(), 'kfgen-bench-'));
  try {
    // --- the full platform ---
    const project = join(work, 'project');
    mkdirSync(project);
    const config = stringify({
      ...(parseAllDocuments(readFileSync(fixtureConfig('eks-entra-teams'), 'utf8'))[0]!.toJS() as object),
      manifests: { version: 'v1.9.1', path: manifestsDir },
    });
    writeFileSync(join(project, 'kfgen.config.yaml'), config);
    execFileSync('node', [KFGEN, 'build'], { cwd: project, env: { ...process.env, ...FIXTURE_ENV }, stdio: 'ignore' });
    const out = join(project, 'out');
    // The full platform: upstream's example, everything kubeflow/manifests v1.9.1 installs.
    const rendered = execFileSync(kustomizeBin, ['build', join(manifestsDir, 'example')], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const applied = join(work, 'platform.yaml');
    writeFileSync(applied, rendered);
    const objects = docsOf(rendered);
    console.error(`bench: the full v1.9.1 platform (kustomize build example/), ${objects} objects`);

    console.error('bench: schemas for kubeconform from a kube-apiserver v1.30.14 with the platform CRDs');
    const schemas = join(work, 'schemas');
    const cp = await startControlPlane();
    try {
      const crds = parseAllDocuments(rendered)
        .map((d) => d.toJS())
        .filter((o) => o?.kind === 'CustomResourceDefinition');
      await cp.kubectl(['apply', '--server-side', '-f', '-'], { input: crds.map((o) => stringify(o)).join('---\n') });
      await cp.kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=120s']);
      const { stdout } = await cp.kubectl(['get', '--raw', '/openapi/v2']);
      console.error(`  ${writeKubeconformSchemas(JSON.parse(stdout), schemas)} kinds (${crds.length} CRDs)`);
    } finally {
      await cp.stop();
    }

    console.error('bench: linters on the same objects');
    const kustomize = measure([kustomizeBin, 'build', join(manifestsDir, 'example')]);
    const lint = measure(['node', KFGEN, 'lint', applied], { findings: true });
    const kubeconform = measure(
      [bin('kubeconform'), '-strict', '-summary', '-schema-location', join(schemas, KUBECONFORM_TEMPLATE), applied],
      { findings: true },
    );
    // What kubeconform made of it: every object found, validated against a schema or reported.
    const summary = spawnSync(
      bin('kubeconform'),
      ['-strict', '-summary', '-schema-location', join(schemas, KUBECONFORM_TEMPLATE), applied],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    console.error(`  kubeconform: ${(summary.stdout.trim().split('\n').pop() ?? '').trim()}`);
    const kubeScore = measure([bin('kube-score'), 'score', applied], { findings: true });
    row(`kfgen lint, ${objects} objects (cold process)`, lint, kubeconform, 'kubeconform');
    row('kubeconform v0.8.0 -strict', kubeconform, kustomize, 'kustomize');
    row('kube-score v1.20.0', kubeScore, kubeconform, 'kubeconform');
    row('kustomize build example/ (the same platform)', kustomize);
    // The kfgen-lint hook and its baseline: a repository with a kfgen config and its out/.
    const kustomizeOut = measure([kustomizeBin, 'build', out]);
    row('kustomize build out/ (eks-entra-teams repository)', kustomizeOut);

    // The hook lints the config, the rendered output and the repository's manifests. Its own cache
    // dir, warmed once (the compiled validators), so that only the hook's result cache differs.
    execFileSync('git', ['init', '-q'], { cwd: project });
    execFileSync('git', ['add', '.'], { cwd: project });
    const cache = join(work, 'cache');
    const hookEnv = { KFGEN_CACHE_DIR: cache };
    spawnSync('node', [KFGEN, 'lint-repo', '--no-cache'], { cwd: project, env: { ...process.env, ...hookEnv } });
    // A first run: nothing cached for this repository's state, so the hook renders and lints.
    const hook = measure(['sh', '-c', `rm -rf '${cache}/lint-repo' && exec node '${KFGEN}' lint-repo`], {
      cwd: project,
      env: hookEnv,
      findings: true,
    });
    row('kfgen-lint hook (kfgen lint-repo), same repository, first run', hook, kustomizeOut, 'kustomize build out/');
    // The next commit that changes nothing the hook reads: the result comes from the cache.
    const unchanged = measure(['node', KFGEN, 'lint-repo'], { cwd: project, env: hookEnv, findings: true });
    row('kfgen-lint hook, unchanged repository (cached result)', unchanged, hook, 'first run');

    // --- each release: the same config built and linted, against that release's own baselines ---
    for (const id of values.releases.split(',').filter(Boolean) as ReleaseId[]) await releaseRows(id, work);

    // --- tenancy at scale, each size against a bare upstream build measured right before it ---
    for (const users of USERS) {
      const teams = Math.max(1, users / 10);
      const dir = join(work, `scale-${users}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'kfgen.config.yaml'), stringify(scaleConfig(users, teams, manifestsDir)));
      // The machine is shared: a baseline taken minutes earlier under another load would skew the ratio.
      const upstream = measure([kustomizeBin, 'build', join(manifestsDir, 'example')], {
        runs: users >= 10000 ? 1 : RUNS,
      });
      row(`kustomize build example/ (baseline for ${users} users)`, upstream);
      const build = measure(['node', KFGEN, 'build'], { cwd: dir, env: FIXTURE_ENV, runs: users >= 10000 ? 1 : RUNS });
      row(`kfgen build, ${users} users in ${teams} teams`, build, upstream, 'upstream build');
      // What the user applies: the kustomize build, and the tenancy files read as they are.
      const render = measure(
        ['sh', '-c', `${kustomizeBin} build out >/dev/null && cat out/tenancy/*.yaml >/dev/null`],
        { cwd: dir, runs: users >= 10000 ? 1 : RUNS },
      );
      const files = readdirSync(join(dir, 'out/tenancy')).filter((f) => f.endsWith('.yaml'));
      const count = files.reduce(
        (n, f) => n + (readFileSync(join(dir, 'out/tenancy', f), 'utf8').match(/^kind: /gm)?.length ?? 0),
        0,
      );
      row(
        `render what is applied, ${users} users (${count} tenancy objects in ${files.length} files)`,
        render,
        upstream,
        'upstream build',
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const machine = `${cpus().length} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, load average at the end ${(
    await import('node:os')
  )
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;
  const table = [
    '| what | seconds | peak RSS (MB) | ratio |',
    '| --- | ---: | ---: | --- |',
    ...rows.map(
      (r) => `| ${r.what} | ${r.sample.seconds.toFixed(2)} | ${r.sample.rssMb.toFixed(0)} | ${r.ratio ?? ''} |`,
    ),
  ].join('\n');
  const runs = `${RUNS === 1 ? 'One run each' : `Median of ${RUNS} runs`}${USERS.includes(10000) && RUNS > 1 ? ' (one at 10,000 users)' : ''}, wall time`;
  console.log(`\nMachine: ${machine}\n${runs}.\n\n${table}`);
  if (values.write) {
    const file = join(repoRoot, values.write);
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('<!-- bench:start -->');
    const end = text.indexOf('<!-- bench:end -->');
    if (start === -1 || end === -1)
      throw new Error(`${values.write} has no <!-- bench:start --> … <!-- bench:end --> markers`);
    const stamp = `Run of ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}. ${runs}.`;
    writeFileSync(file, `${text.slice(0, start)}<!-- bench:start -->\n${stamp}\n\n${table}\n${text.slice(end)}`);
  }
}

await main();
