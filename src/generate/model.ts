import type { KfgenConfig } from '../config/types.js';
import type { ResolvedSecrets } from '../config/secrets.js';

/** A kustomize configMapGenerator/secretGenerator entry. */
export interface GeneratorEntry {
  name: string;
  namespace: string;
  behavior: 'create' | 'merge' | 'replace';
  type?: string;
  literals?: string[];
  envs?: string[];
  files?: string[];
  options?: { disableNameSuffixHash?: boolean };
}

export interface PatchTarget {
  group?: string;
  version?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** A patch file under `patches/`: JSON6902 needs a target, a strategic merge patch names its object. */
export interface PatchEntry {
  file: string;
  content: string;
  target?: PatchTarget;
}

export interface NextStep {
  /** Steps are printed in ascending order; ties keep contribution order. */
  order: number;
  title: string;
  body: string;
}

/** What one concern adds to the output tree; `generate` merges them in a fixed order. */
export interface Contribution {
  /** Committed files, relative to the output directory. */
  files?: Record<string, string>;
  /** Secret values: written under `secrets/`, which the generated .gitignore keeps out of git. */
  secretFiles?: Record<string, string>;
  /** Local resource files for the kustomization (relative to the output directory). */
  resources?: string[];
  /** Upstream directories (relative to the manifests root) to drop from, or add to, the platform. */
  dropUpstream?: string[];
  /** Upstream directories replaced by another upstream directory (e.g. the EKS m2m overlay). */
  swapUpstream?: Record<string, string>;
  configMapGenerator?: GeneratorEntry[];
  secretGenerator?: GeneratorEntry[];
  patches?: PatchEntry[];
  nextSteps?: NextStep[];
}

/** Values several concerns must agree on; computed once so they cannot disagree. */
export interface Derived {
  tls: boolean;
  /** `https://<host>` or `http://<host>`. */
  baseUrl: string;
  redirectUrl: string;
  /** The issuer oauth2-proxy uses and the gateway's RequestAuthentication trusts. */
  issuer: string;
  userClaim: string;
  dex: boolean;
  /** The OAuth client id oauth2-proxy presents. */
  clientId: string;
  providerName: string;
  /** The token claim that carries groups, mapped to the `kubeflow-groups` header. */
  groupsClaim: string;
  /** Where sign-out continues after oauth2-proxy cleared its cookie, if the provider has one. */
  endSessionUrl?: string;
}

export interface GenerateInput {
  config: KfgenConfig;
  /** Display name of the config file, for the generated headers. */
  configName: string;
  secrets: ResolvedSecrets;
  /** How the kustomization refers to an upstream directory (relative path or remote URL). */
  upstreamRef: (dir: string) => string;
}

export interface Context extends GenerateInput {
  derived: Derived;
}

/** The output: relative path → file content. Sorted by path when written. */
export type FileTree = Map<string, string>;
