import { perObjectRule } from '../templates.js';

// The Kubernetes minor versions kfgen supports for Kubeflow v1.9.1 (tested upstream up to 1.29).
const SUPPORTED = ['1.27', '1.28', '1.29'];

export default perObjectRule(
  {
    id: 'eks-version-unsupported',
    family: 'platform',
    severity: 'error',
    summary: `The eksctl ClusterConfig asks for a Kubernetes version outside what Kubeflow v1.9.1 supports (${SUPPORTED.join(', ')}).`,
    rationale: 'Kubeflow v1.9.1 components (Istio 1.22, Knative, KServe, cert-manager 1.14) are tested against a window of Kubernetes versions; outside it APIs they use may be removed or untested.',
    remediation: `Set metadata.version to one of ${SUPPORTED.join(', ')}.`,
    params: { supported: SUPPORTED },
  },
  ['ClusterConfig'],
  (c, report) => {
    if (!String(c.object.apiVersion).startsWith('eksctl.io/')) return;
    const v = c.object.metadata?.version;
    if (v === undefined) return;
    if (!SUPPORTED.includes(String(v))) report({ path: ['metadata', 'version'], message: `EKS version ${v} is not supported by Kubeflow v1.9.1 (supported: ${SUPPORTED.join(', ')})` });
  },
);
