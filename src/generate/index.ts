import type { Context, Contribution, FileTree, GenerateInput } from './core/model.js';
import { cmp } from '../util/order.js';
import { mergeContributions } from './core/merge.js';
import { oauth2Proxy } from './auth/oauth2-proxy.js';
import { requestAuthentication } from './auth/request-authentication.js';
import { identityProvider } from './auth/providers/index.js';
import { ingress } from './exposure/ingress.js';
import { eksctl } from './cluster/eksctl.js';
import { awsAuth } from './cluster/aws-auth.js';
import { commonNextSteps, renderNextSteps } from './core/next-steps.js';
import { kustomization } from './core/kustomization.js';
import { tenancy } from './tenancy/index.js';
import { profileManager } from './profile-manager/index.js';
import { logout } from './auth/logout.js';
import { machineTokens } from './auth/machine-tokens.js';
import { tls } from './exposure/tls.js';
import { aks } from './cluster/aks.js';
import { pipelinesSdk } from './tenancy/pipelines-sdk.js';
import { gatewayNetworkPolicy } from './exposure/gateway-network-policy.js';
import { detachTriggerScript, renderTeardown, setupFiles } from './core/teardown.js';
import { isTenancyFile } from './tenancy/files.js';

/** The concerns, in the order their contributions appear in the output. */
const CONCERNS: Array<(ctx: Context) => Contribution> = [
  oauth2Proxy,
  requestAuthentication,
  machineTokens,
  logout,
  identityProvider,
  ingress,
  tls,
  gatewayNetworkPolicy,
  eksctl,
  aks,
  awsAuth,
  tenancy,
  profileManager,
  pipelinesSdk,
  commonNextSteps,
];

/** What a build writes, and the files of the user's that its NEXT_STEPS add beside it. */
export interface GenerateOutput {
  tree: FileTree;
  /** Paths in the output directory that the set-up writes (core/teardown.ts `setupFiles`). */
  setupFiles: string[];
}

/** Plan in, file tree out. Pure: secrets were resolved by the caller, nothing is read or written. */
export function generate(input: GenerateInput): FileTree {
  return generateOutput(input).tree;
}

export function generateOutput(input: GenerateInput): GenerateOutput {
  const ctx: Context = input;
  const merged = mergeContributions(CONCERNS.map((concern) => concern(ctx)));
  const files: Record<string, string> = {
    ...input.upstreamFiles,
    ...merged.files,
    'kustomization.yaml': kustomization(ctx, merged),
    'NEXT_STEPS.md': renderNextSteps(ctx, merged.nextSteps),
    'TEARDOWN.md': renderTeardown(
      ctx,
      Object.keys(merged.files).some((p) => isTenancyFile(p) && p.endsWith('.yaml')),
    ),
    '.gitignore': '# Secret values read from their sources; never commit them.\nsecrets/\n',
  };
  const detach = detachTriggerScript(ctx);
  if (detach) files['cluster/profile-manager/detach-trigger.sh'] = detach;
  for (const p of merged.patches) files[p.file] = p.content;
  for (const [path, content] of Object.entries(merged.secretFiles)) files[path] = content;
  return { tree: new Map(Object.entries(files).sort(([a], [b]) => cmp(a, b))), setupFiles: setupFiles(ctx) };
}
