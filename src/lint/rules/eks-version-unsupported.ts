import { perObjectRule } from '../templates.js';

// Kubeflow 1.9 release notes: "Kubernetes 1.27 - 1.29 support". Newer EKS versions usually work
// (and older ones leave EKS standard support), so a version outside the window warns, not fails.
const SUPPORTED = ['1.27', '1.28', '1.29'];

export default perObjectRule(
  {
    id: 'eks-version-unsupported',
    family: 'platform',
    severity: 'warning',
    summary: `The eksctl ClusterConfig asks for a Kubernetes version outside the window Kubeflow v1.9.1 was released for (${SUPPORTED.join(', ')}).`,
    rationale: 'Kubeflow v1.9.1 components (Istio 1.22, Knative, KServe, cert-manager 1.14) are tested against a window of Kubernetes versions; outside it APIs they use may be removed or untested.',
    remediation: `Prefer one of ${SUPPORTED.join(', ')} where EKS still offers it; otherwise test Istio 1.22, Knative and KServe on the newer version first.`,
    params: { supported: SUPPORTED },
  },
  ['ClusterConfig'],
  (c, report) => {
    if (!String(c.object.apiVersion).startsWith('eksctl.io/')) return;
    const v = c.object.metadata?.version;
    if (v === undefined) return;
    if (!SUPPORTED.includes(String(v))) report({ path: ['metadata', 'version'], message: `EKS version ${v} is outside the Kubernetes versions Kubeflow v1.9.1 was tested on (${SUPPORTED.join(', ')}); test the upgrade path before production` });
  },
);
