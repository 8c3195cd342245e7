import { perObjectRule } from '../templates.js';

// Kubeflow 1.9 release notes: "Kubernetes 1.27 - 1.29 support".
const TESTED = ['1.27', '1.28', '1.29'];
/**
 * End of EKS extended support per minor version (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html,
 * endoflife.date/amazon-eks); after it EKS creates no new cluster of that version. Fixed at a date
 * so that lint results do not change with the clock: update both together.
 */
const CHECKED_ON = '2026-12-01';
const EXTENDED_SUPPORT_ENDS: Record<string, string> = {
  '1.28': '2025-11-26',
  '1.29': '2026-03-23',
  '1.30': '2026-07-23',
  '1.31': '2026-11-26',
  '1.32': '2027-03-23',
  '1.33': '2027-07-29',
  '1.34': '2027-12-02',
  '1.35': '2028-03-27',
};
/** EKS Pod Identity (the eks-pod-identity-agent add-on kfgen's ClusterConfig installs) needs Kubernetes 1.24 or later. */
const ADDON_MINIMUM = '1.24';

const minor = (v: string): [number, number] | undefined => {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
};
const cmp = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
const KNOWN = Object.keys(EXTENDED_SUPPORT_ENDS).sort((a, b) => cmp(minor(a)!, minor(b)!));
const CREATABLE = KNOWN.filter((v) => EXTENDED_SUPPORT_ENDS[v]! > CHECKED_ON);
const OLDEST = CREATABLE[0]!;
const NEWEST = CREATABLE[CREATABLE.length - 1]!;

export default perObjectRule(
  {
    id: 'eks-version-unsupported',
    family: 'platform',
    severity: 'error',
    summary: `The eksctl ClusterConfig asks for a Kubernetes version EKS cannot create (error) or one outside the window Kubeflow v1.9.1 was tested on, ${TESTED.join(', ')} (warning).`,
    rationale: `EKS creates clusters only of versions in standard or extended support (as of ${CHECKED_ON}: ${OLDEST} to ${NEWEST}), and the add-ons kfgen generates need ${ADDON_MINIMUM} or later: eksctl fails before anything is created. Kubeflow v1.9.1 components (Istio 1.22, Knative, KServe, cert-manager 1.14) were tested on ${TESTED.join(', ')}; on newer versions APIs they use may be removed or untested.`,
    remediation: `Use an EKS version between ${OLDEST} and ${NEWEST}, and test Istio 1.22, Knative and KServe on it before production.`,
    params: { tested: TESTED, creatable: CREATABLE, checkedOn: CHECKED_ON, addonMinimum: ADDON_MINIMUM },
  },
  ['ClusterConfig'],
  (c, report) => {
    if (!String(c.object.apiVersion).startsWith('eksctl.io/')) return;
    const raw = c.object.metadata?.version;
    if (raw === undefined) return;
    const v = String(raw);
    const path = ['metadata', 'version'];
    const m = minor(v);
    if (!m) return report({ path, message: `EKS version "${v}" is not a Kubernetes minor version (like "${NEWEST}")` });
    const key = `${m[0]}.${m[1]}`;
    if (cmp(m, minor(ADDON_MINIMUM)!) < 0) {
      return report({
        path,
        message: `EKS version ${v} is older than the eks-pod-identity-agent add-on kfgen generates supports (${ADDON_MINIMUM} or later), and EKS cannot create it (as of ${CHECKED_ON} it offers ${OLDEST} to ${NEWEST})`,
      });
    }
    if (cmp(m, minor(OLDEST)!) < 0) {
      const ended = EXTENDED_SUPPORT_ENDS[key];
      return report({
        path,
        message: `EKS cannot create ${v} clusters: ${ended ? `its extended support ended on ${ended}` : 'it left EKS support'} (as of ${CHECKED_ON} EKS offers ${OLDEST} to ${NEWEST})`,
      });
    }
    if (TESTED.includes(key)) return;
    const newer =
      cmp(m, minor(NEWEST)!) > 0
        ? `; it is also newer than the newest EKS version kfgen knows (${NEWEST} as of ${CHECKED_ON}), check that EKS offers it`
        : '';
    report({
      path,
      severity: 'warning',
      message: `EKS version ${v} is outside the Kubernetes versions Kubeflow v1.9.1 was tested on (${TESTED.join(', ')}); test the upgrade path before production${newer}`,
    });
  },
);
