// Compiles dist/ on first run when it is missing. npm prepares a git dependency that has a
// prepare/build/install script by running `npm install` in its clone, and under `npm install -g`
// (how pre-commit installs `language: node` hooks) that inner install is global too, so the build
// finds no dependencies and races the outer install (npm/cli#8440). kfgen therefore has no such
// script: `npm install` in a checkout builds through `postprepare`, and an installed copy
// without dist/ builds here, once, with its own `typescript` dependency and no type check
// (@types/* are dev dependencies; the checked build is the developer's `npm run compile`).
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function ensureDist() {
  if (existsSync(join(root, 'dist', 'cli', 'main.js'))) return;
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write(
      `kfgen: ${join(root, 'dist')} is missing and typescript is not installed; run \`npm install\` in ${root}\n`,
    );
    process.exit(2);
  }
  process.stderr.write('kfgen: compiling dist/ (first run of this installation)\n');
  // Built aside and renamed into place, so a concurrent run never imports half a build.
  const staging = join(root, `dist.kfgen-tmp-${process.pid}`);
  const r = spawnSync(
    process.execPath,
    [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', staging, '--noCheck'],
    { stdio: ['ignore', 2, 2] } /* stdout may be a ResourceList stream */,
  );
  if (r.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    process.stderr.write('kfgen: compiling dist/ failed\n');
    process.exit(2);
  }
  try {
    renameSync(staging, join(root, 'dist'));
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process finished first
  }
}
