import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import { manifestsDir, repoRoot, venvPython } from './tools.js';

/** Helpers for running the Profile Manager's Python handler against a test API server. */

export const EVENTS_DIR = join(repoRoot, 'test/e2e/profile-manager/events');
const RUNNER = join(repoRoot, 'test/e2e/profile-manager/run_handler.py');

export interface HandlerRun {
  /** What lambda_handler returned. */
  event: unknown;
  /** The function's INFO log lines: one per object created, patched or deleted, or refusal. */
  actions: string[];
  errors: string[];
}

/** `lambda_handler(event, None)` in the venv's Python, with only `env` as its settings. */
export async function runHandler(eventFile: string, env: Record<string, string>): Promise<HandlerRun> {
  const { stdout } = await promisify(execFile)(venvPython, [RUNNER, join(EVENTS_DIR, eventFile)], {
    // PATH only: nothing of the developer's AWS or KFGEN_PM_* environment leaks in.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout) as HandlerRun;
}

export function readEvent(eventFile: string): unknown {
  return JSON.parse(readFileSync(join(EVENTS_DIR, eventFile), 'utf8'));
}

/** The CRDs the function writes to, from the v1.9.1 tree: Profile, and Istio's AuthorizationPolicy. */
export function crdsYaml(): string {
  const profiles = readFileSync(
    join(manifestsDir, 'apps/profiles/upstream/crd/bases/kubeflow.org_profiles.yaml'),
    'utf8',
  );
  const istio = parseAllDocuments(
    readFileSync(join(manifestsDir, 'common/istio-1-22/istio-crds/base/crd.yaml'), 'utf8'),
  )
    .map((d) => d.toJS() as { kind?: string; metadata?: { name?: string } } | null)
    .find(
      (o) => o?.kind === 'CustomResourceDefinition' && o.metadata?.name === 'authorizationpolicies.security.istio.io',
    );
  if (!istio)
    throw new Error('authorizationpolicies.security.istio.io not found in the Istio CRDs of the manifests tree');
  return `${profiles}\n---\n${stringify(istio)}`;
}

/** Upstream's kubeflow-admin/edit/view ClusterRoles (aggregated), so bindings to them are real. */
export function kubeflowRolesYaml(): string {
  return readFileSync(join(manifestsDir, 'common/kubeflow-roles/base/cluster-roles.yaml'), 'utf8');
}
