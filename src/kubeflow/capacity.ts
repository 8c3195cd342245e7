/**
 * What the full Kubeflow platform needs from the cluster's nodes at minimum scale, as the
 * kubeflow/manifests README states it: 8 CPU cores and 16 GB of memory. `kfgen init` and the
 * eks-nodegroup-capacity rule both read this.
 */
export const KUBEFLOW_MIN_CAPACITY = { cpu: 8, memGiB: 16 } as const;
