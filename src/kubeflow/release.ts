/**
 * What one kubeflow/manifests release is, as data: everything kfgen needs to know about an upstream
 * tree that differs between releases. One file per release in `releases/`; adding a release is adding
 * its file (and its tests), nothing else.
 */

/** The roles kfgen swaps, drops or patches; a component without one is only listed. */
export type ComponentRole = 'dex' | 'm2m' | 'user-namespace' | 'pipelines' | 'training';

export interface UpstreamComponent {
  /** Relative to the manifests root, as `example/kustomization.yaml` lists it. */
  readonly dir: string;
  /** The section comment upstream's example gives it. */
  readonly note: string;
  readonly role?: ComponentRole;
}

/**
 * A remote kustomize resource the tree fetches during `kustomize build`. kfgen never lets kustomize
 * fetch it: the build refers to a local mirror (`manifests.remoteBases`) at `mirrorPath`.
 */
export interface RemoteBase {
  /** Exactly as it appears in upstream's kustomization. */
  readonly url: string;
  /** `git`: a repository folder at a ref (a directory in the mirror); `file`: a release download. */
  readonly kind: 'git' | 'file';
  /** Where the mirror holds it, relative to the mirror's root (`<host>/<owner>/<repo>@<ref>/<path>`). */
  readonly mirrorPath: string;
  /** How to get it, for the error when it is missing. */
  readonly fetch: string;
}

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** A Kubernetes minor version, "1.34". */
export type KubernetesMinor = `1.${number}`;

export interface Release {
  /** The value of `manifests.version`, and the git tag. */
  readonly id: ReleaseId;
  readonly commit: string;
  readonly date: string;
  /** Files present in this release's tree and files absent from it: together they tell the releases apart. */
  readonly markers: { readonly present: readonly string[]; readonly absent: readonly string[] };
  /** `example/kustomization.yaml`'s `resources:`, in its order. */
  readonly components: readonly UpstreamComponent[];
  /** `example/kustomization.yaml`'s `components:` (kustomize Components). */
  readonly kustomizeComponents: readonly string[];
  /** The overlay that also trusts EKS service-account tokens (swapped in for the `m2m` component). */
  readonly m2mEksDir: string;
  readonly remoteBases: readonly RemoteBase[];
  /** Versions of what the release deploys, read from its rendered images. */
  readonly versions: {
    readonly istio: string;
    readonly certManager: string;
    readonly dex: string;
    readonly oauth2Proxy: string;
    readonly knative: string;
    readonly kfp: string;
    readonly kubeflowApps: string;
  };
  /**
   * The Kubernetes minors upstream tested this release on (its README and CI kind node); `max`
   * absent means "and later". Outside the window lint warns; it is not an error.
   */
  readonly kubernetes: { readonly min: KubernetesMinor; readonly max?: KubernetesMinor; readonly source: string };
  /** Namespaces the platform components live in (a profile, group or the Profile Manager must not take one). */
  readonly platformNamespaces: readonly string[];
  /** `pod-security.kubernetes.io/enforce` of namespaces kfgen adds objects to; absent: not enforced. */
  readonly podSecurity: Readonly<Record<string, PodSecurityLevel>>;
  /** Profile namespaces' Pod Security level (profiles-config `namespace-labels-data`). */
  readonly profilePodSecurity?: PodSecurityLevel;
  /**
   * The NetworkPolicies of `istio-system` admit only the mesh: external traffic to the ingress
   * gateway needs a policy of kfgen's (26.03).
   */
  readonly gatewayNetworkPolicy: boolean;
  /** KFP's object store: MinIO until v1.10.2, SeaweedFS from v1.11.0. */
  readonly objectStore: 'minio' | 'seaweedfs';
  /** ClusterRoles of the training component (`<prefix>-admin`, `-edit`, `-view`). */
  readonly trainingClusterRolePrefix: 'kubeflow-training' | 'kubeflow-trainer';
  /**
   * Files of the tree holding the CRDs of the custom resources kfgen writes whole (cert-manager's,
   * Istio's): the build's lint gate validates those objects against the release's own schemas.
   */
  readonly crdFiles: readonly string[];
  /** The kfp SDK that talks to this release's Pipelines backend (the programmatic-access example Pod). */
  readonly kfpSdk: string;
}

/** The values `manifests.version` takes, oldest first. */
export type ReleaseId = 'v1.9.1' | 'v1.10.2' | 'v1.11.0' | '26.03';
export const RELEASE_IDS: readonly ReleaseId[] = ['v1.9.1', 'v1.10.2', 'v1.11.0', '26.03'];

/** Releases kfgen knows of and refuses, with why and what to use instead. */
export const REFUSED_RELEASES: Readonly<Record<string, string>> = {
  'v1.10.0': 'v1.10.0 has a layout of its own (apps/ with common/istio-1-24) that kfgen does not build; use v1.10.2',
  'v1.10.1': 'v1.10.1 has a layout of its own (apps/ with common/istio-1-24) that kfgen does not build; use v1.10.2',
};

export function minorOf(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function compareMinor(a: string, b: string): number {
  const x = minorOf(a)!;
  const y = minorOf(b)!;
  return x[0] - y[0] || x[1] - y[1];
}

/** "1.32–1.33" or "1.34 and later". */
export function testedWindow(r: Release): string {
  const k = r.kubernetes;
  return k.max ? (k.max === k.min ? k.min : `${k.min}–${k.max}`) : `${k.min} and later`;
}

export function isTestedOn(r: Release, minor: string): boolean {
  const k = r.kubernetes;
  return compareMinor(minor, k.min) >= 0 && (!k.max || compareMinor(minor, k.max) <= 0);
}

/** The component that fills a role, if the release has it. */
export function componentFor(r: Release, role: ComponentRole): UpstreamComponent | undefined {
  return r.components.find((c) => c.role === role);
}
