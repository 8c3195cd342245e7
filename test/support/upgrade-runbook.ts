import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kustomizeBin, repoRoot } from './tools.js';

/**
 * What UPGRADE.md needs that cannot happen here, replaced by recording fakes on the front of PATH.
 * There is no kubelet, so nothing that needs a running pod can run: `kubectl exec`, `cp`,
 * `port-forward`, `rollout status` and `wait` (except for CRDs, which the API server itself
 * establishes) are recorded and answer as a healthy cluster would; every other kubectl command is
 * the real pinned kubectl against the loopback API server. The S3 client (`aws s3 sync|ls`) is a
 * fake whose buckets are directories, one store per port-forwarded local port (MinIO on 19000,
 * SeaweedFS on 18333): it proves that the runbook copies the objects from one store to the other
 * and checks the count, not that any S3 server accepts the calls. `sleep` returns at once (the
 * retry loops' pauses). `npx kfgen` is this checkout's bin/kfgen.js, never a download.
 *
 * kustomize is the real one, with one change to its output, because no webhook server runs: each
 * webhook of a Mutating/ValidatingWebhookConfiguration gets an objectSelector no object matches,
 * so the API server never calls it (platform-apply.test.ts leaves them out instead; here they must
 * be on the server, to see that the upgrade deletes the one whose Service goes away). Its output
 * is cached by the bytes of the directory it builds (same input, same output).
 */

export const NO_WEBHOOK_LABEL = 'kfgen.dev/test-no-webhook-server';

const RECORD = `rec() { { printf "%s" "$(basename "$0")"; for a in "$@"; do printf "\\0%s" "$a"; done; printf "\\n"; } >> "$RUNBOOK_LOG"; }`;

export function writeUpgradeFakes(dir: string, realKubectl: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const files: Record<string, string> = {
    kubectl: `#!/bin/bash
${RECORD}
case "$1" in
  exec)
    rec "$@"
    case "$*" in
      *mysqldump*) printf -- '-- MySQL dump (kfgen upgrade test: no pod runs; recorded, not dumped)\\n-- Dump completed on 2026-01-01  0:00:00\\n' ;;
    esac
    exit 0 ;;
  cp|port-forward) rec "$@"; exit 0 ;;
  wait)
    case "$*" in *crd*|*customresourcedefinition*) exec "${realKubectl}" "$@" ;; esac
    rec "$@"; exit 0 ;;
  rollout)
    if [ "$2" = status ]; then rec "$@"; exit 0; fi ;;
esac
exec "${realKubectl}" "$@"
`,
    aws: `#!/bin/bash
${RECORD}
rec "$@"
ep=""; args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --endpoint-url) ep="$2"; shift 2 ;;
    --endpoint-url=*) ep="\${1#*=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -n "$AWS_ACCESS_KEY_ID" ] && [ -n "$AWS_SECRET_ACCESS_KEY" ] || { echo "fake aws: no credentials" >&2; exit 255; }
store="$FAKE_S3/\${ep##*:}"
path() { case "$1" in s3://*) echo "$store/\${1#s3://}" ;; *) echo "$1" ;; esac; }
case "\${args[0]} \${args[1]}" in
  "s3 sync")
    src="$(path "\${args[2]}")"; dst="$(path "\${args[3]}")"
    [ -d "$src" ] || { echo "fake aws: $src: no such bucket or directory" >&2; exit 1; }
    mkdir -p "$dst"; cp -R "$src/." "$dst/" ;;
  "s3 ls")
    d="$(path "\${args[\${#args[@]}-1]}")"
    [ -d "$d" ] || { echo "fake aws: NoSuchBucket" >&2; exit 1; }
    (cd "$d" && find . -type f | sort | sed 's|^\\./|2026-01-01 00:00:00 1 |') ;;
  *) echo "fake aws: not simulated: \${args[*]}" >&2; exit 2 ;;
esac
`,
    sleep: '#!/bin/sh\nexit 0\n',
    npx: `#!/bin/sh
if [ "$1" = kfgen ]; then shift; exec node "${join(repoRoot, 'bin/kfgen.js')}" "$@"; fi
echo "upgrade test: npx $1 refused (no downloads)" >&2; exit 97
`,
    curl: '#!/bin/sh\necho "upgrade test: curl refused, no traffic leaves this machine" >&2; exit 97\n',
    kustomize: `#!/usr/bin/env node
// Never process.exit() after writing: stdout to a pipe is asynchronous and exit would cut it short.
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const real = ${JSON.stringify(kustomizeBin)};
function build() {
  const dir = path.resolve(args[1] || '.');
  const hash = createHash('sha256').update(dir);
  const walk = (d) => { for (const e of fs.readdirSync(d).sort()) { const f = path.join(d, e); if (fs.statSync(f).isDirectory()) walk(f); else hash.update(f).update(fs.readFileSync(f)); } };
  walk(dir);
  const cache = path.join(${JSON.stringify(join(dir, 'kustomize-cache'))}, hash.digest('hex') + '.yaml');
  if (fs.existsSync(cache)) return fs.readFileSync(cache, 'utf8');
  const YAML = require(${JSON.stringify(join(repoRoot, 'node_modules/yaml'))});
  const text = execFileSync(real, args, { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
  const out = text.split(/^---\\n/m).map((doc) => {
    if (!/^kind: (Mutating|Validating)WebhookConfiguration$/m.test(doc)) return doc;
    const o = YAML.parse(doc);
    for (const w of o.webhooks || []) w.objectSelector = { matchLabels: { ${JSON.stringify(NO_WEBHOOK_LABEL)}: 'true' } };
    return YAML.stringify(o);
  }).join('---\\n');
  fs.mkdirSync(path.dirname(cache), { recursive: true });
  fs.writeFileSync(cache, out);
  return out;
}
if (args[0] !== 'build') execFileSync(real, args, { stdio: 'inherit' });
else process.stdout.write(build());
`,
  };
  for (const [name, body] of Object.entries(files)) {
    writeFileSync(join(bin, name), body);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

/**
 * kube-controller-manager as control-plane.ts starts it, plus the garbage collector, the namespace
 * controller and the PVC protection controller: objects whose owner is deleted are deleted too, and
 * a deleted PVC goes once no pod uses it (here: at once), as on a real cluster, so a step that
 * deleted an owner of users' objects, or a PVC, would show.
 */
export function writeControllerManagerWrapper(dir: string, real: string): string {
  const file = join(dir, 'kube-controller-manager');
  writeFileSync(
    file,
    `#!/bin/bash
args=()
for a in "$@"; do
  case "$a" in
    --controllers=*) args+=("$a,garbage-collector-controller,namespace-controller,persistentvolumeclaim-protection-controller") ;;
    *) args+=("$a") ;;
  esac
done
exec "${real}" "\${args[@]}" # ${dir}
`,
  );
  chmodSync(file, 0o755);
  return file;
}

/** The ```bash blocks of UPGRADE.md, by section, in order. */
export function upgradeSections(markdown: string): { title: string; blocks: string[] }[] {
  return markdown
    .split(/^(?=## )/m)
    .filter((part) => part.startsWith('## '))
    .map((part) => ({
      title: part.slice(3, part.indexOf('\n')).trim(),
      blocks: [...part.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]!),
    }));
}
