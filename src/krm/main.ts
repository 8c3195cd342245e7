import { createRequire } from 'node:module';
import { runFunction } from './run.js';
import { EXIT } from '../config/errors.js';

const USAGE = `Usage: kfgen-fn < ResourceList.yaml > ResourceList.yaml

kfgen as a KRM exec function (see docs/krm.md). kustomize runs it from a function config:
  apiVersion: kfgen.dev/v1alpha1
  kind: KfgenConfig     # generators:/transformers: render the platform from spec (a kfgen config)
  kind: KfgenLint       # transformers:/validators: run every lint check, items unchanged
  metadata:
    annotations:
      config.kubernetes.io/function: |
        exec:
          path: ./node_modules/.bin/kfgen-fn   # relative to the kustomization directory

Run with: kustomize build --enable-alpha-plugins --enable-exec DIR
Exit codes: 0 success, 1 lint errors or unusable input/config (an error result says why), 2 usage.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function fnMain(argv: string[]): Promise<number> {
  if (argv.includes('--version') || argv.includes('-v')) {
    console.log(createRequire(import.meta.url)('../../package.json').version);
    return EXIT.ok;
  }
  if (argv.includes('--help') || argv.includes('-h') || argv.length || process.stdin.isTTY) {
    const asked = argv.includes('--help') || argv.includes('-h');
    (asked ? console.log : console.error)(USAGE);
    return asked ? EXIT.ok : EXIT.usage;
  }
  const run = await runFunction(await readStdin(), { cwd: process.cwd(), env: process.env });
  process.stderr.write(run.stderr);
  await new Promise<void>((resolve, reject) => process.stdout.write(run.stdout, (e) => (e ? reject(e) : resolve())));
  return run.exitCode;
}
