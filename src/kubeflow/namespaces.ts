import type { Release } from './release.js';
import { RELEASES } from './releases/index.js';

/** Platform namespaces of any release kfgen builds (lint, which does not know the release, accepts them all). */
export const ANY_PLATFORM_NAMESPACES: readonly string[] = [
  ...new Set(RELEASES.flatMap((r) => r.platformNamespaces)),
].sort();

/** Namespaces every Kubernetes cluster has. */
export const KUBERNETES_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

/** Namespaces a profile must never take: the release's platform's, and Kubernetes' own (any `kube-` name too). */
export function isReservedNamespace(name: string, release: Release): boolean {
  return (
    release.platformNamespaces.includes(name) ||
    (KUBERNETES_NAMESPACES as readonly string[]).includes(name) ||
    name.startsWith('kube-')
  );
}

/** An RFC 1123 label, what a namespace (and so a Profile) name must be. */
export const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
