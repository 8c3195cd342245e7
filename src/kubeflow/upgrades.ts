import { minorOf, type Release, type ReleaseId } from './release.js';
import { RELEASES } from './releases/index.js';

/**
 * What moving a running platform from one release to the next involves that the rendered objects
 * alone do not tell: how far each upstream component jumps and whether it can take that jump in
 * place, the points of no return, data that has to move, pods that must restart. Versions, the
 * object store and the namespaces come from the `Release` data; only what is not there is here,
 * keyed by the hop. What the diff of the two renders can tell (removed objects, immutable fields,
 * replaced kinds, storage versions, webhooks losing their Service) is derived from it, not listed.
 */

export type HopId = `${ReleaseId}->${ReleaseId}`;

/** A component whose version moves, read from both releases' `versions`. */
export interface ComponentJump {
  readonly component: string;
  readonly from: string;
  readonly to: string;
  /** Minor versions between the two. */
  readonly minors: number;
  /** How many minors upstream supports in one in-place upgrade; undefined: no stated limit. */
  readonly inPlace?: number;
  /** What to do when the jump is larger than `inPlace`, and what it costs. */
  readonly safePath?: string;
}

/** A step after which going back needs the backups. */
export interface OneWayPoint {
  readonly what: string;
  /** The workload whose first start with the new image does it. */
  readonly workload: { readonly namespace: string; readonly deployment: string };
  readonly why: string;
}

/** A database the platform runs, backed up before every hop. */
export interface Database {
  readonly namespace: string;
  readonly deployment: string;
  readonly pvc: string;
  /** The `mysqldump` credentials as the container's environment has them. */
  readonly auth: string;
  readonly what: string;
}

/** Upstream facts about one hop. */
export interface HopFacts {
  readonly from: Release;
  readonly to: Release;
  readonly jumps: readonly ComponentJump[];
  readonly oneWay: readonly OneWayPoint[];
  /** KFP's object store changes (MinIO → SeaweedFS): artifacts must be copied. */
  readonly objectStoreMove?: {
    readonly from: Release['objectStore'];
    readonly to: Release['objectStore'];
    readonly oldDeployment: string;
    readonly oldPvc: string;
    readonly newService: string;
    readonly newPort: number;
    readonly bucket: string;
    /** The admin key both stores use, in kubeflow. */
    readonly credentialsSecret: string;
  };
  /**
   * Per-profile objects the Pipelines profile controller attaches with `updateStrategy: OnDelete`:
   * they keep their old content until deleted, and the controller then creates them anew.
   */
  readonly profileAttachments: readonly { readonly kind: 'secret' | 'configmap'; readonly name: string }[];
  /** Every injected pod must restart (sidecar or CNI change), and why. */
  readonly restartInjected?: string;
  /** Training-operator (v1) job kinds that the new release no longer serves a controller for. */
  readonly retiredJobKinds: readonly string[];
  /** Behaviour changes to read before applying (no command). */
  readonly notes: readonly string[];
}

/** Upstream's own limits on in-place upgrades, per component (general project guidance). */
const IN_PLACE: Readonly<Record<string, { minors: number; safePath: (from: string, to: string) => string }>> = {
  istio: {
    minors: 1,
    safePath: (from, to) =>
      `Istio upgrades in place one minor at a time (a canary control plane may span two). kubeflow/manifests ships no Istio between ${from} and ${to}, so this apply replaces the Istio layer as a reinstall: istiod and the gateways are replaced at once, and every injected pod keeps its old proxy until it restarts (step "Restart"). Cost: login and in-mesh traffic may fail from the apply until the restarts are done; plan a maintenance window. The alternative is to install each intermediate Istio minor with istioctl before this upgrade, which kfgen does not generate.`,
  },
  knative: {
    minors: 1,
    safePath: (from, to) =>
      `Knative Serving upgrades in place one minor at a time. kubeflow/manifests ships no Knative between ${from} and ${to}, so this apply reinstalls Knative Serving over the old one; the stored Knative resources are rewritten in step "Restart" wherever a CRD's storage version changes. Cost: serverless InferenceServices may be unavailable until the Knative controllers and activator run again (scale-from-zero fails in that window). The alternative is to install each intermediate Knative minor (https://knative.dev/docs/install/upgrade/) before this upgrade, which kfgen does not generate.`,
  },
  certManager: {
    minors: 1,
    safePath: (from, to) =>
      `cert-manager recommends one minor at a time; ${from} → ${to} removes no API kfgen or Kubeflow uses, so the apply takes it in one step. Cost: certificates are not renewed while its webhook restarts (minutes); issued Secrets stay. To follow the one-minor rule strictly, apply each intermediate release of cert-manager (https://cert-manager.io/docs/releases/) before this upgrade.`,
  },
};

const DATABASES: readonly Database[] = [
  {
    namespace: 'kubeflow',
    deployment: 'mysql',
    pvc: 'mysql-pv-claim',
    auth: '-uroot',
    what: "Pipelines' MySQL (runs, experiments, pipeline versions, ML Metadata)",
  },
  {
    namespace: 'kubeflow',
    deployment: 'katib-mysql',
    pvc: 'katib-mysql',
    auth: '-uroot -p"$MYSQL_ROOT_PASSWORD"',
    what: "Katib's MySQL (experiments, trials, observation logs)",
  },
];

/** Both MySQL databases exist in every release kfgen builds. */
export function databases(): readonly Database[] {
  return DATABASES;
}

/** Facts only a hop has, keyed by it: what the `Release` data does not say. */
const HOP_ONLY: Partial<
  Record<HopId, Partial<Pick<HopFacts, 'oneWay' | 'restartInjected' | 'retiredJobKinds' | 'notes'>>>
> = {
  'v1.9.1->v1.10.2': {
    restartInjected:
      'Istio CNI (DaemonSet kube-system/istio-cni-node) replaces the istio-init container and sidecars become native sidecars (ENABLE_NATIVE_SIDECARS): pods injected by Istio 1.22 keep their old proxy and init container until they restart',
    retiredJobKinds: ['mxjobs.kubeflow.org'],
    notes: [
      'Pod Security labels come to the platform namespaces (auth, cert-manager, istio-system, knative-serving and oauth2-proxy `restricted`, kubeflow `baseline`) and `baseline` to profile namespaces: running pods stay, new pods that break the level are refused. Check your own workloads in those namespaces with `kubectl label --dry-run=server --overwrite ns <ns> pod-security.kubernetes.io/enforce=<level>` first.',
      "The Pipelines profile controller becomes a metacontroller DecoratorController of the same name as the old CompositeController; both at once would manage the same children, so the old one is deleted before the apply (upstream's note also names `meta-controller-cluster-role-binding`, whose roleRef changes).",
    ],
  },
  'v1.10.2->v1.11.0': {
    oneWay: [
      {
        what: "MySQL 8.0.26 → 8.4: the first start of mysql:8.4 upgrades the data dictionary of Pipelines' database",
        workload: { namespace: 'kubeflow', deployment: 'mysql' },
        why: 'MySQL cannot downgrade a data directory; going back means restoring the dump of step 1 into a fresh 8.0 volume',
      },
      {
        what: 'KFP 2.5 → 2.15: the new ml-pipeline API server migrates its schema on start',
        workload: { namespace: 'kubeflow', deployment: 'ml-pipeline' },
        why: 'an older API server does not read the migrated schema; going back means restoring the dump of step 1',
      },
      {
        what: "Katib's MySQL moves from mysql:8.0.29 to the floating tag mysql:8.0, whatever 8.0 patch the registry serves",
        workload: { namespace: 'kubeflow', deployment: 'katib-mysql' },
        why: 'MySQL does not support downgrading 8.0 patch releases in place either; pin the tag to know which one runs',
      },
    ],
    retiredJobKinds: [
      'tfjobs.kubeflow.org',
      'pytorchjobs.kubeflow.org',
      'mpijobs.kubeflow.org',
      'paddlejobs.kubeflow.org',
      'xgboostjobs.kubeflow.org',
      'jaxjobs.kubeflow.org',
    ],
    notes: [
      'The training operator (v1) leaves: Trainer v2 (TrainJob, TrainingRuntime, ClusterTrainingRuntime) runs in `kubeflow-system`. Existing TFJob/PyTorchJob/MPIJob/… objects are no longer reconciled; their CRDs stay while any exists (step "Clean up"). To move a job to Trainer v2, write it as a TrainJob on a runtime (`kubectl get clustertrainingruntimes`), see https://www.kubeflow.org/docs/components/trainer/operator-guides/migration/ , then delete the old job.',
      "A mesh-wide `Sidecar istio-system/default` limits every sidecar's egress hosts to kubeflow, kubeflow-system, knative-*, istio-system and the own namespace; calls to services elsewhere become passthrough traffic (no mTLS, no mesh policy).",
      'Istio\'s CRDs store v1 instead of v1beta1; step "Restart" rewrites the stored objects once so that no object stays stored in the old version.',
      'Pod Security: `kubeflow` and the new `kubeflow-system` become `restricted`.',
    ],
  },
  'v1.11.0->26.03': {
    notes: [
      'v1.11.0 rendered nine NetworkPolicies into `kubeflow` by mistake (upstream #3342); 26.03 renders them into their own namespaces, and step "Clean up" deletes the stale copies.',
      "26.03's NetworkPolicies start to apply on a CNI that enforces them: `istio-system` admits ingress only from the mesh, so external traffic to the ingress gateway needs the policy kfgen adds for your exposure; check the login right after the apply.",
    ],
  },
};

function jump(
  component: keyof Release['versions'],
  label: string,
  from: Release,
  to: Release,
): ComponentJump | undefined {
  const a = from.versions[component];
  const b = to.versions[component];
  if (a === b) return undefined;
  const x = minorOf(a);
  const y = minorOf(b);
  const minors = x && y ? (y[0] - x[0]) * 100 + (y[1] - x[1]) : 0;
  const limit = IN_PLACE[component];
  const over = limit && minors > limit.minors;
  return {
    component: label,
    from: a,
    to: b,
    minors,
    ...(limit ? { inPlace: limit.minors } : {}),
    ...(over ? { safePath: limit.safePath(a, b) } : {}),
  };
}

const COMPONENTS: ReadonlyArray<[keyof Release['versions'], string]> = [
  ['istio', 'Istio'],
  ['knative', 'Knative Serving'],
  ['certManager', 'cert-manager'],
  ['kfp', 'Kubeflow Pipelines'],
  ['dex', 'Dex'],
  ['oauth2Proxy', 'oauth2-proxy'],
  ['kubeflowApps', 'Notebooks, dashboard, profiles'],
];

/**
 * The facts of the hop `from` → `to`; undefined unless `to` is the release right after `from`
 * (kfgen upgrades one release at a time).
 */
export function hopFacts(from: ReleaseId, to: ReleaseId): HopFacts | undefined {
  const i = RELEASES.findIndex((r) => r.id === from);
  const a = RELEASES[i];
  const b = RELEASES[i + 1];
  if (!a || !b || b.id !== to) return undefined;
  const only = HOP_ONLY[`${from}->${to}`] ?? {};
  const move = a.objectStore !== b.objectStore;
  return {
    from: a,
    to: b,
    jumps: COMPONENTS.map(([k, label]) => jump(k, label, a, b)).filter((j): j is ComponentJump => !!j),
    oneWay: only.oneWay ?? [],
    ...(move
      ? {
          objectStoreMove: {
            from: a.objectStore,
            to: b.objectStore,
            oldDeployment: 'minio',
            oldPvc: 'minio-pvc',
            newService: 'seaweedfs',
            newPort: 8333,
            bucket: 'mlpipeline',
            credentialsSecret: 'mlpipeline-minio-artifact',
          },
        }
      : {}),
    profileAttachments: move
      ? [
          { kind: 'secret', name: 'mlpipeline-minio-artifact' },
          { kind: 'configmap', name: 'kfp-launcher' },
        ]
      : [],
    ...(only.restartInjected ? { restartInjected: only.restartInjected } : {}),
    retiredJobKinds: only.retiredJobKinds ?? [],
    notes: only.notes ?? [],
  };
}
