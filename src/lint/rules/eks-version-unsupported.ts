import { perObjectRule } from '../templates.js';
import {
  CLOUD_FACTS_CHECKED_ON,
  EKS_ADDON_MINIMUM,
  EKS_EXTENDED_SUPPORT_ENDS,
  RELEASE_ANNOTATION,
} from '../../kubeflow/clouds.js';
import { compareMinor, isTestedOn, minorOf, testedWindow } from '../../kubeflow/release.js';
import { isReleaseId, release, RELEASES } from '../../kubeflow/releases/index.js';

// Two kinds of facts: what EKS can create (an error otherwise) and what the Kubeflow release was
// tested on (a warning otherwise); the release comes from kfgen's annotation on the ClusterConfig.
const CHECKED_ON = CLOUD_FACTS_CHECKED_ON;
const KNOWN = Object.keys(EKS_EXTENDED_SUPPORT_ENDS).sort(compareMinor);
const CREATABLE = KNOWN.filter((v) => EKS_EXTENDED_SUPPORT_ENDS[v]! > CHECKED_ON);
const OLDEST = CREATABLE[0]!;
const NEWEST = CREATABLE[CREATABLE.length - 1]!;
const TESTED = Object.fromEntries(RELEASES.map((r) => [r.id, testedWindow(r)]));

export default perObjectRule(
  {
    id: 'eks-version-unsupported',
    family: 'platform',
    severity: 'error',
    summary: `The eksctl ClusterConfig asks for a Kubernetes version EKS cannot create (error) or one outside the window its Kubeflow release was tested on (warning).`,
    rationale: `EKS creates clusters only of versions in standard or extended support (as of ${CHECKED_ON}: ${OLDEST} to ${NEWEST}), and the add-ons kfgen generates need ${EKS_ADDON_MINIMUM} or later: eksctl fails before anything is created. Each Kubeflow release was tested on a window of Kubernetes versions (${RELEASES.map((r) => `${r.id}: ${TESTED[r.id]}`).join('; ')}); outside it the APIs its components (Istio, Knative, KServe, cert-manager) use may be removed or untested. The release is read from the ${RELEASE_ANNOTATION} annotation kfgen writes; without it v1.9.1 is assumed.`,
    remediation: `Use an EKS version between ${OLDEST} and ${NEWEST} that the chosen Kubeflow release targets; for a new cluster, the newest release (${RELEASES[RELEASES.length - 1]!.id}) targets ${TESTED[RELEASES[RELEASES.length - 1]!.id]}.`,
    params: { tested: TESTED, creatable: CREATABLE, checkedOn: CHECKED_ON, addonMinimum: EKS_ADDON_MINIMUM },
  },
  ['ClusterConfig'],
  (c, report) => {
    if (!String(c.object.apiVersion).startsWith('eksctl.io/')) return;
    const raw = c.object.metadata?.version;
    if (raw === undefined) return;
    const v = String(raw);
    const path = ['metadata', 'version'];
    const m = minorOf(v);
    if (!m) return report({ path, message: `EKS version "${v}" is not a Kubernetes minor version (like "${NEWEST}")` });
    const key = `${m[0]}.${m[1]}`;
    if (compareMinor(key, EKS_ADDON_MINIMUM) < 0) {
      return report({
        path,
        message: `EKS version ${v} is older than the eks-pod-identity-agent add-on kfgen generates supports (${EKS_ADDON_MINIMUM} or later), and EKS cannot create it (as of ${CHECKED_ON} it offers ${OLDEST} to ${NEWEST})`,
      });
    }
    if (compareMinor(key, OLDEST) < 0) {
      const ended = EKS_EXTENDED_SUPPORT_ENDS[key];
      return report({
        path,
        message: `EKS cannot create ${v} clusters: ${ended ? `its extended support ended on ${ended}` : 'it left EKS support'} (as of ${CHECKED_ON} EKS offers ${OLDEST} to ${NEWEST})`,
      });
    }
    const annotated = c.object.metadata?.annotations?.[RELEASE_ANNOTATION];
    const r = release(isReleaseId(annotated) ? annotated : 'v1.9.1');
    if (isTestedOn(r, key)) return;
    const newer =
      compareMinor(key, NEWEST) > 0
        ? `; it is also newer than the newest EKS version kfgen knows (${NEWEST} as of ${CHECKED_ON}), check that EKS offers it`
        : '';
    const better = RELEASES.filter((x) => isTestedOn(x, key)).map((x) => x.id);
    report({
      path,
      severity: 'warning',
      message: `EKS version ${v} is outside the Kubernetes versions Kubeflow ${r.id} was tested on (${testedWindow(r)}); test it before production${better.length ? `, or use Kubeflow ${better.join(' or ')}, tested on ${v}` : ''}${newer}`,
    });
  },
);
