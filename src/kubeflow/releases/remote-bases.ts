import type { RemoteBase } from '../release.js';

/** Argo Workflows v3.7.3, which Pipelines of v1.11.0 and 26.03 pull from GitHub. */
const ARGO = 'https://github.com/argoproj/argo-workflows';
const ARGO_REF = 'v3.7.3';
const argo = (path: string): RemoteBase => ({
  url: `${ARGO}/${path}?ref=${ARGO_REF}`,
  kind: 'git',
  mirrorPath: `github.com/argoproj/argo-workflows@${ARGO_REF}/${path}`,
  fetch: `git clone --depth 1 --branch ${ARGO_REF} ${ARGO} <mirror>/github.com/argoproj/argo-workflows@${ARGO_REF}`,
});

const JOBSET = 'https://github.com/kubernetes-sigs/jobset/releases/download/v0.10.1/manifests.yaml';

/** The remote resources of v1.11.0's and 26.03's `example/` (the optional LeaderWorkerSet component is not built). */
export const ARGO_AND_JOBSET: readonly RemoteBase[] = [
  argo('manifests/base/crds/minimal'),
  argo('manifests/cluster-install-no-crds/workflow-controller-rbac'),
  argo('manifests/base/workflow-controller'),
  {
    url: JOBSET,
    kind: 'file',
    mirrorPath: JOBSET.replace(/^https:\/\//, ''),
    fetch: `curl -fsSLo <mirror>/${JOBSET.replace(/^https:\/\//, '')} --create-dirs ${JOBSET}`,
  },
];
