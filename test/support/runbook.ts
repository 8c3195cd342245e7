import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlBin, kustomizeBin } from './tools.js';

/** The marker NEXT_STEPS.md puts on each step that needs the cluster's pods to run. */
export const RUNNING_CLUSTER_MARK = '<!-- needs: running cluster -->';

export interface RunbookSection {
  title: string;
  needsRunningCluster: boolean;
  /** The ```sh blocks, in order. */
  blocks: string[];
}

/** NEXT_STEPS.md cut at its `## ` headings; text before the first heading is not a step. */
export function runbookSections(markdown: string): RunbookSection[] {
  return markdown
    .split(/^(?=## )/m)
    .filter((part) => part.startsWith('## '))
    .map((part) => ({
      title: part.slice(3, part.indexOf('\n')).trim(),
      needsRunningCluster: part.includes(RUNNING_CLUSTER_MARK),
      blocks: [...part.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!),
    }));
}

/** One recorded call of a fake cloud CLI: the program's name and its arguments. */
export interface Call {
  tool: string;
  args: string[];
}

/** Fakes write one line per call: tool and arguments, NUL-separated (arguments may hold spaces). */
export function readCalls(log: string): Call[] {
  let text = '';
  try {
    text = readFileSync(log, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [tool, ...args] = line.split('\0');
      return { tool: tool!, args };
    });
}

/** The value of `--flag value` or `--flag=value` in a call's arguments, every occurrence. */
export function flagValues(call: Call, flag: string): string[] {
  const out: string[] = [];
  call.args.forEach((a, i) => {
    if (a === flag && i + 1 < call.args.length) out.push(call.args[i + 1]!);
    else if (a.startsWith(`${flag}=`)) out.push(a.slice(flag.length + 1));
  });
  return out;
}

/** The node role eksctl's managed node group puts in aws-auth; the fake `eksctl create cluster` writes it. */
export const NODE_ROLE_ARN = 'arn:aws:iam::123456789012:role/eksctl-runbook-nodegroup-NodeInstanceRole-FAKE';
export const FAKE_VPC_ID = 'vpc-0fa4e0000000000aa';

const RECORD =
  'printf "%s" "$(basename "$0")" >> "$RUNBOOK_LOG"; for a in "$@"; do printf "\\0%s" "$a" >> "$RUNBOOK_LOG"; done; printf "\\n" >> "$RUNBOOK_LOG"';

/**
 * Stand-ins for the cloud CLIs. Each records its arguments and prints what a runbook reads from
 * the real one (an id, an address), nothing else: no cloud is called, and their effects on the
 * cluster are not simulated except the ones noted (aws-auth as `eksctl create cluster` leaves it; a
 * user pool's LambdaConfig kept in the file RUNBOOK_POOL names; `eksctl delete cluster` removes that
 * aws-auth again, as the cluster's deletion would, and notes the Ingresses and LoadBalancer Services
 * still there, in $RUNBOOK_LOG.at-cluster-delete).
 * curl and wget refuse: the runbook test sends no traffic anywhere.
 */
const FAKES: Record<string, string> = {
  eksctl: `${RECORD}
case "$1 $2" in
  "create cluster")
    # As after eksctl created a cluster whose managed node group reads aws-auth: the node role is mapped.
    file=""; prev=""; for a in "$@"; do [ "$prev" = "-f" ] && file="$a"; prev="$a"; done
    if [ -z "$file" ] || ! grep -q 'authenticationMode: API$' "$file"; then
      kubectl create configmap aws-auth -n kube-system --from-literal=mapRoles="- rolearn: ${NODE_ROLE_ARN}
  username: system:node:{{EC2PrivateDNSName}}
  groups:
    - system:bootstrappers
    - system:nodes
" >/dev/null
    fi ;;
  "get iamidentitymapping") printf 'ARN\\tUSERNAME\\tGROUPS\\n' ;;
  "delete cluster")
    # The cluster goes with everything in it: here, what the fake "create cluster" put there.
    kubectl delete configmap aws-auth -n kube-system --ignore-not-found >/dev/null
    # What still holds a cloud load balancer when the cluster goes (TEARDOWN must have removed it).
    { kubectl get ingress -A -o name; kubectl get svc -A -o jsonpath='{range .items[?(@.spec.type=="LoadBalancer")]}service/{.metadata.namespace}/{.metadata.name}{"\\n"}{end}'; } >> "$RUNBOOK_LOG.at-cluster-delete" 2>&1 || true ;;
esac`,
  aws: `${RECORD}
case "$*" in
  # A user pool's settings, kept between calls when RUNBOOK_POOL names a file (the only Cognito state simulated).
  *"cognito-idp describe-user-pool "*"--query UserPool --output json"*) if [ -n "$RUNBOOK_POOL" ]; then cat "$RUNBOOK_POOL"; fi ;;
  *"cognito-idp update-user-pool "*)
    if [ -n "$RUNBOOK_POOL" ]; then
      input=""; for a in "$@"; do case "$a" in file://*) input="\${a#file://}" ;; esac; done
      cp "$input" "$RUNBOOK_POOL.update-$(date +%s%N)"
      jq --slurpfile u "$input" '.LambdaConfig = ($u[0].LambdaConfig // {})' "$RUNBOOK_POOL" > "$RUNBOOK_POOL.new" && mv "$RUNBOOK_POOL.new" "$RUNBOOK_POOL"
    fi ;;
  *"cloudformation describe-stacks"*FunctionArn*) echo "arn:aws:lambda:\${RUNBOOK_REGION:-eu-central-1}:123456789012:function:kfgen-profile-manager-runbook" ;;
  *resourcesVpcConfig.vpcId*) echo ${FAKE_VPC_ID} ;;
  *"eks update-kubeconfig"*) echo "Updated context (fake: the test's kubeconfig stays in use)" ;;
esac`,
  az: `${RECORD}
case "$*" in
  *nodeResourceGroup*) echo MC_kubeflow_kubeflow_westeurope ;;
  *publicIp.ipAddress*) echo 203.0.113.10 ;;
  *identity.principalId*) echo 00000000-0000-4000-8000-000000000001 ;;
  *"group show"*) echo /subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/fake ;;
esac`,
  helm: RECORD,
  curl: 'echo "runbook test: $(basename "$0") refused, no traffic leaves this machine" >&2; exit 97',
  wget: 'echo "runbook test: $(basename "$0") refused, no traffic leaves this machine" >&2; exit 97',
};

/**
 * A directory for the front of PATH: the fakes above, and the real pinned kubectl and kustomize
 * under their plain names.
 */
export function writeFakeTools(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, body] of Object.entries(FAKES)) {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  symlinkSync(kubectlBin, join(bin, 'kubectl'));
  symlinkSync(kustomizeBin, join(bin, 'kustomize'));
  return bin;
}

/** `${NAME:?}`: a value the runbook expects the user to have exported. */
export function requiredVariables(blocks: string[]): string[] {
  return [
    ...new Set(blocks.flatMap((b) => [...b.matchAll(/\$\{([A-Z_][A-Z0-9_]*):\?[^}]*\}/g)].map((m) => m[1]!))),
  ].sort();
}

export interface BlockRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One block as a user pastes it into a fresh bash: stops at the first failing command, pipes included. */
export function runBlock(
  block: string,
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<BlockRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `set -eo pipefail\n${block}`], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      stderr += `\n(runbook test: killed after ${opts.timeoutMs / 1000}s)`;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A throw-away self-signed certificate for the host, as the user's fullchain.pem and privkey.pem. */
export function selfSignedPair(dir: string, host: string): void {
  const san = /^[0-9.]+$/.test(host) ? `IP:${host}` : `DNS:${host}`;
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${host.slice(0, 64)}`,
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      join(dir, 'privkey.pem'),
      '-out',
      join(dir, 'fullchain.pem'),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}
