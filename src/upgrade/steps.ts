import type { HopFacts } from '../kubeflow/upgrades.js';
import { databases } from '../kubeflow/upgrades.js';
import { APPLYSET_COMMANDS } from '../generate/tenancy/applyset.js';
import { refArg, refKey, refLabel, type ObjRef, type PlatformDiff } from './diff.js';

/**
 * The ordered steps of one upgrade, from the diff of the two renders and the hop's upstream facts.
 * Every command block runs as written, from the new output directory, in a fresh bash; each block
 * sets what it needs itself. Pure: no fs, no clock.
 */

export interface UpgradeInput {
  facts: HopFacts;
  diff: PlatformDiff;
  /** The new output has tenancy files applied as an ApplySet. */
  tenancy: boolean;
  /** The config file, relative to the output directory, and its lines to change (undefined: not in the file). */
  config: {
    fromOut: string;
    versionLine?: number;
    pathLine?: number;
    oldPath?: string;
    newPath?: string;
  };
  /** The command a user runs kfgen with (`npx kfgen`). */
  kfgen: string;
}

export interface UpgradeStep {
  title: string;
  /** Prose before the commands: what the step does, what it costs, what it deletes. */
  intro: string[];
  /** bash blocks, run in order. */
  blocks: string[];
  after?: string[];
}

export interface UpgradePlan {
  title: string;
  summary: string[];
  steps: UpgradeStep[];
}

const BACKUP_VAR = (f: HopFacts) => `B="\${KFGEN_BACKUP_DIR:-$HOME/kfgen-backup}/${f.from.id}-to-${f.to.id}"`;

/** What the old release's object store answers on, through a port-forward. */
function objectStore(store: 'minio' | 'seaweedfs') {
  return store === 'minio'
    ? { forward: 'deploy/minio', local: 19000, remote: 9000, label: 'MinIO' }
    : { forward: 'svc/seaweedfs', local: 18333, remote: 8333, label: 'SeaweedFS' };
}

function s3Session(store: 'minio' | 'seaweedfs', secret: string): string[] {
  const s = objectStore(store);
  return [
    `kubectl port-forward -n kubeflow ${s.forward} ${s.local}:${s.remote} >/dev/null & PF=$!`,
    "trap 'kill $PF 2>/dev/null || true' EXIT",
    'sleep 5',
    `export AWS_ACCESS_KEY_ID="$(kubectl get secret -n kubeflow ${secret} -o jsonpath='{.data.accesskey}' | base64 -d)"`,
    `export AWS_SECRET_ACCESS_KEY="$(kubectl get secret -n kubeflow ${secret} -o jsonpath='{.data.secretkey}' | base64 -d)"`,
    'export AWS_DEFAULT_REGION=us-east-1',
    `S3="aws --endpoint-url http://127.0.0.1:${s.local} s3"`,
  ];
}

function groupByNamespace(refs: readonly ObjRef[]): string[] {
  const by = new Map<string, string[]>();
  for (const r of refs) {
    const ns = r.namespace ?? '';
    by.set(ns, [...(by.get(ns) ?? []), refArg(r)]);
  }
  return [...by]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ns, args]) => `kubectl delete --ignore-not-found${ns ? ` -n ${ns}` : ''} ${args.join(' ')}`);
}

const CLUSTER_KINDS = new Set([
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'Namespace',
  'CompositeController',
  'DecoratorController',
  'ClusterIssuer',
  'StorageClass',
  'PriorityClass',
]);

/** kubectl refuses `-n` on nothing, but a cluster-scoped kind rendered with a namespace (upstream's CompositeController) must lose it. */
const scoped = (r: ObjRef): ObjRef => (CLUSTER_KINDS.has(r.kind) ? { ...r, namespace: undefined } : r);

export function upgradePlan(input: UpgradeInput): UpgradePlan {
  const { facts: f, diff: d } = input;
  const from = f.from.id;
  const to = f.to.id;
  const steps: UpgradeStep[] = [];
  const B = BACKUP_VAR(f);

  // ---- 0. what changes
  const summary: string[] = [];
  summary.push(
    `The platform rendered from this config at ${from} and at ${to} differ in ${d.added.length} added, ${d.removed.length} removed and ${d.changed.length} changed objects (\`${input.kfgen} diff --from ${from} --to .\` lists them).`,
    '',
  );
  if (f.jumps.length) {
    summary.push('| component | from | to | in one step? |', '|---|---|---|---|');
    for (const j of f.jumps)
      summary.push(
        `| ${j.component} | ${j.from} | ${j.to} | ${j.inPlace === undefined ? 'yes' : j.minors <= j.inPlace ? `yes (${j.minors} minor)` : `**no**: ${j.minors} minors, upstream supports ${j.inPlace}`} |`,
      );
    summary.push('');
    for (const j of f.jumps.filter((x) => x.safePath))
      summary.push(`- **${j.component} ${j.from} → ${j.to}.** ${j.safePath}`);
  }
  if (f.oneWay.length) {
    summary.push('', '**One-way points** (no rollback without the backups of step 1; they happen in step "Apply"):');
    for (const o of f.oneWay)
      summary.push(`- ${o.what} (\`${o.workload.namespace}/${o.workload.deployment}\`): ${o.why}.`);
  }
  if (f.objectStoreMove) {
    const m = f.objectStoreMove;
    summary.push(
      '',
      `**Data move:** Pipelines' object store moves from ${objectStore(m.from).label} (PVC \`${m.oldPvc}\`) to ${objectStore(m.to).label} (a new, empty volume). Upstream does not migrate artifacts: step 1 copies bucket \`${m.bucket}\` out of ${objectStore(m.from).label}, step "Move data" copies it into ${objectStore(m.to).label} and compares the two, and only then does step "Clean up" delete \`${m.oldPvc}\`.`,
      `Each profile's \`${f.profileAttachments.map((a) => a.name).join('` and `')}\` are attachments with \`updateStrategy: OnDelete\`: until they are deleted they keep the shared admin key, so every profile can read every other profile's artifacts. Step "Move data" backs them up, deletes them, and waits for the profile controller to create them with per-profile credentials.`,
    );
  }
  const removedData = d.dataBearing.filter((x) => d.removed.some((r) => refKey(r) === refKey(x.ref)));
  if (d.removed.length) {
    summary.push(
      '',
      `**Removed by ${to}** (the apply does not delete them; step "Clean up" does, guarded where they hold data):`,
      '',
    );
    for (const r of d.removed.filter((x) => !d.renamedGenerated.some((g) => refKey(g) === refKey(x)))) {
      const data = removedData.find((x) => refKey(x.ref) === refKey(r));
      summary.push(`- ${refLabel(r)}${data ? ` — **${data.why}**` : ''}`);
    }
    if (d.renamedGenerated.length)
      summary.push(`- and ${d.renamedGenerated.length} generated ConfigMaps/Secrets now rendered under a new hash`);
  }
  if (f.notes.length) summary.push('', '**Behaviour changes:**', '', ...f.notes.map((n) => `- ${n}`));

  // ---- 1. backups
  const dbs = databases();
  const backup: string[] = [
    B,
    'mkdir -p "$B"',
    ...dbs.flatMap((db) => [
      `kubectl exec -n ${db.namespace} deploy/${db.deployment} -- sh -c 'exec mysqldump ${db.auth} --all-databases --single-transaction --routines --events' > "$B/${db.deployment}.sql"`,
      `tail -n 1 "$B/${db.deployment}.sql" | grep -q 'Dump completed' || { echo "the dump of ${db.deployment} is incomplete: $B/${db.deployment}.sql"; exit 1; }`,
    ]),
    `crds="$(kubectl get crd -o jsonpath='{range .items[*]}{.metadata.name}{","}{end}')"`,
    'kubectl get "${crds%,}" -A -o yaml > "$B/custom-resources.yaml"',
    'kubectl get pvc -A -o yaml > "$B/persistentvolumeclaims.yaml"',
    'kubectl get crd -o yaml > "$B/crds.yaml"',
    'echo "backups in $B"',
  ];
  const storeBackup = [
    B,
    'mkdir -p "$B/object-store"',
    ...s3Session(f.from.objectStore, 'mlpipeline-minio-artifact'),
    '$S3 sync s3://mlpipeline "$B/object-store/mlpipeline"',
    '$S3 ls --recursive s3://mlpipeline | wc -l > "$B/object-store/count"',
    'echo "$(cat "$B/object-store/count") objects of bucket mlpipeline in $B/object-store"',
  ];
  steps.push({
    title: 'Back up',
    intro: [
      `Before anything changes: ${dbs.map((db) => `${db.what}, PVC \`${db.pvc}\``).join('; ')}; the bucket \`mlpipeline\` of ${objectStore(f.from.objectStore).label}; every custom resource on the cluster (Profiles, Notebooks, jobs, …, of every CRD there, not only the release's) and every PersistentVolumeClaim as YAML.`,
      "The dumps run in the database pods (`kubectl exec`), the bucket is copied through a port-forward with the AWS CLI (any S3 client works). Keep `$KFGEN_BACKUP_DIR` (default `~/kfgen-backup`) off the cluster: the dumps hold every user's runs.",
    ],
    blocks: [backup.join('\n'), storeBackup.join('\n')],
  });

  // ---- 2. before the apply
  const pre: string[] = [];
  const preIntro: string[] = [];
  for (const r of d.replaced) {
    preIntro.push(
      `- ${refLabel(scoped(r.old))} becomes a ${r.new.kind} of the same name; both at once would manage the same objects, so the old one goes first. Deleting it deletes none of the objects it made (they belong to their parents).`,
    );
  }
  const immutable = d.changed.filter((c) => c.immutable.length);
  const dataImmutable = immutable.filter((c) => d.dataBearing.some((x) => refKey(x.ref) === refKey(c.ref)));
  for (const c of immutable.filter((x) => !dataImmutable.includes(x)))
    preIntro.push(
      `- ${refLabel(scoped(c.ref))} changes \`${c.immutable.join('`, `')}\`, which the API server does not change in place: it is deleted and the apply creates it anew.`,
    );
  pre.push(
    ...groupByNamespace([
      ...d.replaced.map((r) => scoped(r.old)),
      ...immutable.filter((x) => !dataImmutable.includes(x)).map((c) => scoped(c.ref)),
    ]),
  );
  if (dataImmutable.length) {
    preIntro.push(
      ...dataImmutable.map(
        (c) =>
          `- **${refLabel(c.ref)} changes \`${c.immutable.join('`, `')}\` and holds data: kfgen does not delete it. Stop here and move its data by hand.**`,
      ),
    );
    pre.push(
      `echo "stop: ${dataImmutable.map((c) => refLabel(c.ref)).join(', ')} cannot change in place and hold data" >&2`,
      'exit 1',
    );
  }
  if (pre.length)
    steps.push({
      title: 'Before the apply',
      intro: ['What would conflict with the new objects:', '', ...preIntro],
      blocks: [pre.join('\n')],
    });

  // ---- 3. apply
  const applyIntro = [
    `This is the step that upgrades. ${f.oneWay.length ? `**Point of no return:** ${f.oneWay.map((o) => o.what).join('; ')}. Make sure step 1 finished.` : ''}`.trim(),
    'As NEXT_STEPS.md applies: server-side, retried until the new CRDs are established and the webhooks answer. Nothing is pruned: no PersistentVolumeClaim, CRD or namespace is deleted by this step.',
  ];
  const apply = [
    'for attempt in 1 2 3 4 5 6 7 8 9 10; do',
    '  if kustomize build . | kubectl apply --server-side --force-conflicts -f -; then break; fi',
    '  [ "$attempt" = 10 ] && { echo "the apply did not converge" >&2; exit 1; }',
    '  echo "Retrying to apply resources"; sleep 20',
    'done',
    ...(input.tenancy ? [APPLYSET_COMMANDS.createParent, APPLYSET_COMMANDS.apply] : []),
  ];
  steps.push({ title: 'Apply', intro: applyIntro, blocks: [apply.join('\n')] });

  // ---- 4. after the apply: data, restarts, storage versions
  if (f.objectStoreMove) {
    const m = f.objectStoreMove;
    const move = [
      B,
      `kubectl wait --for=condition=Available -n kubeflow deployment/${m.newService} --timeout=600s`,
      ...s3Session(m.to, m.credentialsSecret),
      `$S3 sync "$B/object-store/${m.bucket}" s3://${m.bucket}`,
      `copied="$($S3 ls --recursive s3://${m.bucket} | wc -l)"`,
      `[ "$copied" -ge "$(cat "$B/object-store/count")" ] || { echo "${objectStore(m.to).label} holds $copied objects, the backup $(cat "$B/object-store/count"): not deleting anything" >&2; exit 1; }`,
      'touch "$B/object-store/copied"',
      `echo "bucket ${m.bucket}: $copied objects in ${objectStore(m.to).label}"`,
    ];
    const attach = [
      B,
      'mkdir -p "$B/profiles"',
      "for ns in $(kubectl get profiles.kubeflow.org -o jsonpath='{.items[*].metadata.name}'); do",
      ...f.profileAttachments.map(
        (a) =>
          `  kubectl get ${a.kind} -n "$ns" ${a.name} -o yaml --ignore-not-found > "$B/profiles/$ns-${a.kind}-${a.name}.yaml"`,
      ),
      `  kubectl delete -n "$ns" --ignore-not-found ${f.profileAttachments.map((a) => `${a.kind}/${a.name}`).join(' ')}`,
      ...f.profileAttachments.map((a) => `  kubectl wait --for=create -n "$ns" ${a.kind}/${a.name} --timeout=300s`),
      'done',
    ];
    steps.push({
      title: 'Move data',
      intro: [
        `Copies bucket \`${m.bucket}\` from the backup of step 1 into ${objectStore(m.to).label}, and fails unless ${objectStore(m.to).label} then holds at least as many objects. Pipelines written between step 1 and the apply are not in the backup: run no pipelines in between.`,
        `Then, in every profile namespace, backs up and deletes ${f.profileAttachments.map((a) => `the ${a.kind} \`${a.name}\``).join(' and ')}; the profile controller creates them anew with the namespace's own ${objectStore(m.to).label} credentials (\`kubectl wait --for=create\` needs kubectl 1.31 or later). A custom \`defaultPipelineRoot\` in \`kfp-launcher\` is in the backup: set it again afterwards.`,
      ],
      blocks: [move.join('\n'), attach.join('\n')],
    });
  }
  const restart: string[] = [];
  const restartIntro: string[] = [];
  const istio = f.jumps.find((j) => j.component === 'Istio');
  const restartWhy =
    f.restartInjected ??
    (istio
      ? `Istio ${istio.from} → ${istio.to}: pods injected by the old Istio keep its proxy until they restart`
      : undefined);
  if (restartWhy) {
    restartIntro.push(
      `${restartWhy}. Every Deployment in a namespace with \`istio-injection=enabled\` is restarted (a rolling restart; one pod at a time where there are replicas), and running notebook pods are deleted so that their StatefulSets start them again: their volumes stay, open kernels and unsaved notebook state are lost. Tell the users first.`,
    );
    restart.push(
      "for ns in $(kubectl get namespaces -l istio-injection=enabled -o jsonpath='{.items[*].metadata.name}'); do",
      '  if [ -n "$(kubectl get deployment -n "$ns" -o name)" ]; then',
      '    kubectl rollout restart deployment -n "$ns"',
      '    kubectl rollout status deployment -n "$ns" --timeout=600s',
      '  fi',
      '  kubectl delete pod -n "$ns" -l notebook-name --ignore-not-found --wait=false',
      'done',
    );
  }
  if (d.storageVersions.length) {
    const versions = [...new Set(d.storageVersions.map((s) => s.to))];
    restartIntro.push(
      `${d.storageVersions.length} CRDs now store ${versions.join(', ')} instead of ${[...new Set(d.storageVersions.map((s) => s.from))].join(', ')}: ${d.storageVersions.map((s) => `\`${s.resource}\``).join(', ')}. Objects already stored keep the old version until written again; a later release that stops serving it could not read them. Each object is rewritten once (a replace with no change), then the CRD records that only the new version is stored.`,
    );
    restart.push(
      ...d.storageVersions.map(
        (s) =>
          `if [ "$(kubectl get ${s.resource} -A --no-headers 2>/dev/null | wc -l)" -gt 0 ]; then kubectl get ${s.resource} -A -o json | kubectl replace -f - >/dev/null; fi\n` +
          `kubectl patch crd ${s.resource} --subresource=status --type=merge -p '{"status":{"storedVersions":["${s.to}"]}}' >/dev/null`,
      ),
    );
  }
  if (restart.length) steps.push({ title: 'Restart', intro: restartIntro, blocks: [restart.join('\n')] });

  // ---- 5. clean up orphans
  const skip = new Set(
    [...d.replaced.map((r) => r.old), ...d.takenOver, ...immutable.map((c) => c.ref)].map((r) => refKey(r)),
  );
  const removed = d.removed.filter((r) => !skip.has(refKey(r)));
  const webhooks = removed.filter((r) => d.webhooksLosingService.some((w) => refKey(w.webhook) === refKey(r)));
  const special = (r: ObjRef) =>
    ['CustomResourceDefinition', 'PersistentVolumeClaim', 'Namespace'].includes(r.kind) ||
    webhooks.some((w) => refKey(w) === refKey(r));
  const plain = removed.filter((r) => !special(r));
  const cleanup: string[] = [B];
  const cleanupIntro: string[] = [];
  if (webhooks.length) {
    cleanupIntro.push(
      `First the webhook configurations whose Service goes away (${webhooks.map((w) => `\`${w.name}\``).join(', ')}): deleted before their Service, because a webhook whose Service is gone fails every request it matches. Until now the old Deployment still answered them.`,
    );
    cleanup.push(...groupByNamespace(webhooks.map(scoped)));
  }
  if (plain.length) {
    cleanupIntro.push(
      `${webhooks.length ? 'Then the' : 'The'} ${plain.length} objects ${to} no longer renders and that hold no data (workloads, Services, RBAC, NetworkPolicies, old generated ConfigMaps).`,
    );
    cleanup.push(...groupByNamespace(plain.map(scoped)));
  }
  const crds = d.removedCrds;
  if (crds.length) {
    const retired = new Set(f.retiredJobKinds);
    cleanupIntro.push(
      `CRDs ${to} no longer installs: each is deleted only when no object of its kind exists (deleting a CRD deletes all of them). A CRD that still has objects stays, and so do its objects, unreconciled${[...retired].some((k) => crds.some((c) => c.resource === k)) ? '; for the training operator\'s kinds move each job to a Trainer v2 TrainJob (see "Behaviour changes"), delete the old job, and run this step again' : ''}.`,
    );
    cleanup.push(
      `for crd in ${crds.map((c) => c.resource).join(' ')}; do`,
      '  n="$(kubectl get "$crd" -A --no-headers 2>/dev/null | wc -l)"',
      '  if [ "$n" -eq 0 ]; then kubectl delete crd "$crd" --ignore-not-found',
      '  else echo "kept CRD $crd: $n objects of it exist ($B/custom-resources.yaml has them)"; fi',
      'done',
    );
  }
  const pvcs = removed.filter((r) => r.kind === 'PersistentVolumeClaim');
  for (const p of pvcs) {
    const moved = f.objectStoreMove?.oldPvc === p.name;
    cleanupIntro.push(
      moved
        ? `PVC \`${p.namespace}/${p.name}\` is deleted only when step "Move data" verified the copy (\`$B/object-store/copied\`); its volume is deleted with it (or released, if its StorageClass retains volumes).`
        : `PVC \`${p.namespace}/${p.name}\` is no longer rendered; it is kept: delete it yourself once its data is elsewhere.`,
    );
    if (moved)
      cleanup.push(
        `if [ -f "$B/object-store/copied" ]; then kubectl delete pvc -n ${p.namespace} ${p.name} --ignore-not-found --timeout=600s`,
        `else echo "kept PVC ${p.namespace}/${p.name}: the copy of its bucket is not verified (run step \\"Move data\\")"; fi`,
      );
    else
      cleanup.push(
        `echo "kept PVC ${p.namespace}/${p.name}: no longer rendered; delete it once its data is elsewhere"`,
      );
  }
  for (const n of removed.filter((r) => r.kind === 'Namespace')) {
    cleanupIntro.push(
      `Namespace \`${n.name}\` is no longer rendered; it is kept (deleting it deletes everything in it).`,
    );
    cleanup.push(`echo "kept namespace ${n.name}: check kubectl get all -n ${n.name}, then delete it yourself"`);
  }
  if (d.takenOver.length)
    cleanupIntro.push(
      `Kept: ${d.takenOver.map((r) => `Secret \`${r.namespace}/${r.name}\``).join(', ')}, which a Certificate of ${to} now writes.`,
    );
  if (cleanup.length > 1) steps.push({ title: 'Clean up', intro: cleanupIntro, blocks: [cleanup.join('\n')] });

  // ---- 6. verify
  const verify = [
    'kubectl wait --for=condition=Available deployment --all -n kubeflow --timeout=900s',
    'kubectl wait --for=condition=Available deployment --all -n oauth2-proxy --timeout=600s',
    'missing=0',
    "for s in $(kubectl get mutatingwebhookconfigurations,validatingwebhookconfigurations -o jsonpath='{range .items[*]}{range .webhooks[*]}{.clientConfig.service.namespace}/{.clientConfig.service.name}{\" \"}{end}{end}' | tr ' ' '\\n' | sort -u); do",
    '  kubectl get service -n "${s%/*}" "${s#*/}" >/dev/null 2>&1 || { echo "a webhook points at the missing Service $s" >&2; missing=1; }',
    'done',
    '[ "$missing" = 0 ]',
    'kustomize build . | kubectl apply --server-side --force-conflicts --dry-run=server -f - >/dev/null',
    `echo "${to}: the platform is applied, every webhook has its Service"`,
  ];
  steps.push({
    title: 'Verify',
    intro: [
      'The platform is up, no webhook points at a Service that is gone, and applying the new render again changes nothing it would refuse. Then sign in as in NEXT_STEPS.md ("Check that login works") and open a notebook and a pipeline run.',
    ],
    blocks: [verify.join('\n')],
  });

  // ---- 7. the config
  const c = input.config;
  const edits: string[] = [];
  if (c.versionLine)
    edits.push(`[${c.versionLine}, /([\\x22\\x27]?)${escapeRe(from)}\\1/, ${JSON.stringify(JSON.stringify(to))}]`);
  if (c.pathLine && c.oldPath && c.newPath)
    edits.push(
      `[${c.pathLine}, /([\\x22\\x27]?)${escapeRe(c.oldPath)}\\1/, ${JSON.stringify(JSON.stringify(c.newPath))}]`,
    );
  const configBlock = [
    `node -e '`,
    `const fs = require("fs"); const file = process.argv[1]; const lines = fs.readFileSync(file, "utf8").split("\\n");`,
    `for (const [n, re, value] of [${edits.join(', ')}]) {`,
    `  if (!re.test(lines[n - 1])) { console.error(file + ":" + n + ": expected " + re + ", found: " + lines[n - 1]); process.exit(1); }`,
    `  lines[n - 1] = lines[n - 1].replace(re, value);`,
    `}`,
    `fs.writeFileSync(file, lines.join("\\n"));`,
    `' ${shellQuote(c.fromOut)}`,
    BACKUP_VAR(input.facts),
    'mv UPGRADE.md "$B/UPGRADE.md"',
    `${input.kfgen} check --config ${shellQuote(c.fromOut)} --out .`,
  ];
  steps.push({
    title: 'Change the config',
    intro: [
      `The config now says \`manifests.version: "${to}"\`${c.newPath ? ` and \`manifests.path: ${c.newPath}\`` : ''}, so that \`kfgen build\` and \`kfgen check\` build ${to} from now on. This file moves to the backup directory (it is not part of what the config builds), and \`kfgen check\` confirms this directory is exactly what the changed config builds. Commit both.`,
    ],
    blocks: edits.length ? [configBlock.join('\n')] : [],
    ...(edits.length
      ? {}
      : {
          after: [`Set \`manifests.version\` to \`"${to}"\` in the config yourself (kfgen found no line to change).`],
        }),
  });

  return { title: `Upgrade from ${from} to ${to}`, summary, steps };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function shellQuote(s: string): string {
  return /^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** UPGRADE.md. */
export function renderUpgrade(plan: UpgradePlan, header: string[]): string {
  const out: string[] = [`# ${plan.title}`, '', ...header, '', '## 0. What changes', '', ...plan.summary, ''];
  plan.steps.forEach((s, i) => {
    out.push(`## ${i + 1}. ${s.title}`, '', ...s.intro, '');
    for (const b of s.blocks) out.push('```bash', b, '```', '');
    if (s.after) out.push(...s.after, '');
  });
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
