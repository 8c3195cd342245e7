import type { Context, Contribution, FileTree, GenerateInput } from './model.js';
import { makePlan } from '../plan/index.js';
import { cmp } from '../util/order.js';
import { mergeContributions } from './merge.js';
import { oauth2Proxy } from './oauth2-proxy.js';
import { requestAuthentication } from './request-authentication.js';
import { dex } from './dex.js';
import { ingress } from './ingress.js';
import { eksctl } from './eksctl.js';
import { awsAuth } from './aws-auth.js';
import { commonNextSteps, renderNextSteps } from './next-steps.js';
import { kustomization } from './kustomization.js';
import { tenancy } from './tenancy.js';
import { profileManager } from './profile-manager.js';
import { logout } from './logout.js';
import { machineTokens } from './machine-tokens.js';
import { tls } from './tls.js';
import { aks } from './aks.js';
import { pipelinesSdk } from './pipelines-sdk.js';
import { cognitoSaml } from './cognito-saml.js';
import { gatewayNetworkPolicy } from './gateway-network-policy.js';

/** The concerns, in the order their contributions appear in the output. */
const CONCERNS: Array<(ctx: Context) => Contribution> = [
  oauth2Proxy,
  requestAuthentication,
  machineTokens,
  logout,
  dex,
  ingress,
  tls,
  gatewayNetworkPolicy,
  eksctl,
  aks,
  awsAuth,
  tenancy,
  profileManager,
  pipelinesSdk,
  cognitoSaml,
  commonNextSteps,
];

/** Config in, file tree out. Pure: secrets were resolved by the caller, nothing is read or written. */
export function generate(input: GenerateInput): FileTree {
  const ctx: Context = { ...input, plan: makePlan(input.config) };
  const merged = mergeContributions(CONCERNS.map((concern) => concern(ctx)));
  const files: Record<string, string> = {
    ...input.upstreamFiles,
    ...merged.files,
    'kustomization.yaml': kustomization(ctx, merged),
    'NEXT_STEPS.md': renderNextSteps(ctx, merged.nextSteps),
    '.gitignore': '# Secret values read from their sources; never commit them.\nsecrets/\n',
  };
  for (const p of merged.patches) files[p.file] = p.content;
  for (const [path, content] of Object.entries(merged.secretFiles)) files[path] = content;
  return new Map(Object.entries(files).sort(([a], [b]) => cmp(a, b)));
}
