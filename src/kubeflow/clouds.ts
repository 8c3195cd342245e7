import { compareMinor, isTestedOn, type Release } from './release.js';

/**
 * What the managed Kubernetes services can create, as checked on one day. Fixed at a date so that
 * lint results do not change with the clock: update the table and the date together.
 */
export const CLOUD_FACTS_CHECKED_ON = '2026-12-01';

/**
 * End of EKS extended support per minor version (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html,
 * endoflife.date/amazon-eks); after it EKS creates no new cluster of that version.
 */
export const EKS_EXTENDED_SUPPORT_ENDS: Readonly<Record<string, string>> = {
  '1.28': '2025-11-26',
  '1.29': '2026-03-23',
  '1.30': '2026-07-23',
  '1.31': '2026-11-26',
  '1.32': '2027-03-23',
  '1.33': '2027-07-29',
  '1.34': '2027-12-02',
  '1.35': '2028-03-27',
};

/**
 * The oldest version EKS can still create that `release` was tested on, else the newest it creates
 * (the release then gets a warning, not an error).
 */
export function proposedEksVersion(release: Release): string {
  const creatable = Object.keys(EKS_EXTENDED_SUPPORT_ENDS)
    .filter((v) => EKS_EXTENDED_SUPPORT_ENDS[v]! > CLOUD_FACTS_CHECKED_ON)
    .sort(compareMinor);
  return creatable.find((v) => isTestedOn(release, v)) ?? creatable[creatable.length - 1]!;
}

/** EKS Pod Identity (the eks-pod-identity-agent add-on kfgen's ClusterConfig installs) needs Kubernetes 1.24 or later. */
export const EKS_ADDON_MINIMUM = '1.24';

/** The annotation kfgen puts on the ClusterConfig: which Kubeflow release the cluster is for. */
export const RELEASE_ANNOTATION = 'kfgen.dev/kubeflow-release';
