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
// A version outside the release's window: the message, then what else may help.
const UNTESTED =
  'EKS version {{version}} is outside the Kubernetes versions Kubeflow {{release}} was tested on ({{window}}); test it before production';
const ELSEWHERE = ', or use Kubeflow {{releases}}, tested on {{version}}';
const NEWER =
  '; it is also newer than the newest EKS version kfgen knows ({{newest}} as of {{checkedOn}}), check that EKS offers it';
// What every message may name: the versions EKS offers as of the facts' date.
const OFFERED = { oldest: OLDEST, newest: NEWEST, checkedOn: CHECKED_ON };

export default perObjectRule(
  {
    id: 'eks-version-unsupported',
    family: 'platform',
    severity: 'error',
    summary: `The eksctl ClusterConfig asks for a Kubernetes version EKS cannot create (error) or one outside the window its Kubeflow release was tested on (warning).`,
    rationale: `EKS creates clusters only of versions in standard or extended support (as of ${CHECKED_ON}: ${OLDEST} to ${NEWEST}), and the add-ons kfgen generates need ${EKS_ADDON_MINIMUM} or later: eksctl fails before anything is created. Each Kubeflow release was tested on a window of Kubernetes versions (${RELEASES.map((r) => `${r.id}: ${TESTED[r.id]}`).join('; ')}); outside it the APIs its components (Istio, Knative, KServe, cert-manager) use may be removed or untested. The release is read from the ${RELEASE_ANNOTATION} annotation kfgen writes; without it v1.9.1 is assumed.`,
    remediation: `Use an EKS version between ${OLDEST} and ${NEWEST} that the chosen Kubeflow release targets; for a new cluster, the newest release (${RELEASES[RELEASES.length - 1]!.id}) targets ${TESTED[RELEASES[RELEASES.length - 1]!.id]}.`,
    params: { tested: TESTED, creatable: CREATABLE, checkedOn: CHECKED_ON, addonMinimum: EKS_ADDON_MINIMUM },
    messages: {
      notMinor: 'EKS version "{{version}}" is not a Kubernetes minor version (like "{{newest}}")',
      olderThanAddons:
        'EKS version {{version}} is older than the eks-pod-identity-agent add-on kfgen generates supports ({{addonMinimum}} or later), and EKS cannot create it (as of {{checkedOn}} it offers {{oldest}} to {{newest}})',
      supportEnded:
        'EKS cannot create {{version}} clusters: its extended support ended on {{ended}} (as of {{checkedOn}} EKS offers {{oldest}} to {{newest}})',
      leftSupport:
        'EKS cannot create {{version}} clusters: it left EKS support (as of {{checkedOn}} EKS offers {{oldest}} to {{newest}})',
      untested: UNTESTED,
      untestedTestedElsewhere: `${UNTESTED}${ELSEWHERE}`,
      untestedNewer: `${UNTESTED}${NEWER}`,
      untestedTestedElsewhereNewer: `${UNTESTED}${ELSEWHERE}${NEWER}`,
    },
  },
  ['ClusterConfig'],
  (c, report) => {
    if (!String(c.object.apiVersion).startsWith('eksctl.io/')) return;
    const raw = c.object.metadata?.version;
    if (raw === undefined) return;
    const v = String(raw);
    const path = ['metadata', 'version'];
    const m = minorOf(v);
    if (!m) return report({ path, messageId: 'notMinor', data: { version: v, newest: NEWEST } });
    const key = `${m[0]}.${m[1]}`;
    if (compareMinor(key, EKS_ADDON_MINIMUM) < 0)
      return report({
        path,
        messageId: 'olderThanAddons',
        data: { version: v, addonMinimum: EKS_ADDON_MINIMUM, ...OFFERED },
      });
    if (compareMinor(key, OLDEST) < 0) {
      const ended = EKS_EXTENDED_SUPPORT_ENDS[key];
      return ended
        ? report({ path, messageId: 'supportEnded', data: { version: v, ended, ...OFFERED } })
        : report({ path, messageId: 'leftSupport', data: { version: v, ...OFFERED } });
    }
    const annotated = c.object.metadata?.annotations?.[RELEASE_ANNOTATION];
    const r = release(isReleaseId(annotated) ? annotated : 'v1.9.1');
    if (isTestedOn(r, key)) return;
    const newer = compareMinor(key, NEWEST) > 0;
    const better = RELEASES.filter((x) => isTestedOn(x, key)).map((x) => x.id);
    const elsewhere = better.length > 0;
    report({
      path,
      severity: 'warning',
      messageId: elsewhere
        ? newer
          ? 'untestedTestedElsewhereNewer'
          : 'untestedTestedElsewhere'
        : newer
          ? 'untestedNewer'
          : 'untested',
      data: { version: v, release: r.id, window: testedWindow(r), releases: better.join(' or '), ...OFFERED },
    });
  },
);
