import type { ParsedObject } from '../types.js';
import {
  appliesTo,
  DEFAULT_NAMESPACE,
  policyFrom,
  ROOT_NAMESPACE,
  type Policy,
  type Workload,
} from '../authz/index.js';

import { GATEWAY_PRINCIPAL, principal, USERID_HEADER } from '../../kubeflow/gateway.js';
import {
  DASHBOARD_PRINCIPAL,
  KFP_SYSTEM_PRINCIPALS,
  KFP_UI_PRINCIPAL,
  NOTEBOOK_CONTROLLER_PRINCIPAL,
} from '../../kubeflow/pipelines.js';

export { DASHBOARD_PRINCIPAL, GATEWAY_PRINCIPAL, KFP_SYSTEM_PRINCIPALS, KFP_UI_PRINCIPAL, USERID_HEADER };

/**
 * A Kubeflow v1.9.1 workload that believes `kubeflow-userid`: who may send it (`trusted`, as
 * upstream's policies admit them) and who must reach it with the header (`front`: the gateway for
 * what browsers open, the caller that proxies for the rest).
 */
export interface UseridWorkload {
  name: string;
  selector: Record<string, string>;
  trusted: readonly string[];
  front: string;
  frontName: string;
}

const viaGateway = (name: string, selector: Record<string, string>): UseridWorkload => ({
  name,
  selector,
  trusted: [GATEWAY_PRINCIPAL],
  front: GATEWAY_PRINCIPAL,
  frontName: 'the ingress gateway',
});

export const USERID_WORKLOADS: readonly UseridWorkload[] = [
  viaGateway('ml-pipeline-ui', { app: 'ml-pipeline-ui' }),
  {
    name: 'ml-pipeline',
    selector: { app: 'ml-pipeline' },
    trusted: KFP_SYSTEM_PRINCIPALS,
    front: KFP_UI_PRINCIPAL,
    frontName: 'ml-pipeline-ui',
  },
  viaGateway('centraldashboard', { app: 'centraldashboard' }),
  viaGateway('jupyter-web-app', { app: 'jupyter-web-app' }),
  viaGateway('volumes-web-app', { app: 'volumes-web-app' }),
  viaGateway('tensorboards-web-app', { app: 'tensorboards-web-app' }),
  viaGateway('katib-ui', { 'katib.kubeflow.org/component': 'ui' }),
  viaGateway('kserve-models-web-app', { 'kustomize.component': 'kserve-models-web-app' }),
  // KFAM shares the profiles Deployment; only the dashboard calls it, forwarding the user's header
  {
    name: 'profiles-kfam',
    selector: { 'kustomize.component': 'profiles' },
    trusted: [DASHBOARD_PRINCIPAL],
    front: DASHBOARD_PRINCIPAL,
    frontName: 'the central dashboard',
  },
];

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod'];

function podLabels(o: ParsedObject): Record<string, string> | undefined {
  const obj = o.object;
  const labels = obj.kind === 'Pod' ? obj.metadata?.labels : obj.spec?.template?.metadata?.labels;
  return labels && typeof labels === 'object'
    ? Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]))
    : undefined;
}

const sa = principal;

/** What the authorization rules read: every policy, the pods the input runs, and the identities it creates. */
export class MeshView {
  readonly policies: Policy[];
  readonly pods: Array<{ on: ParsedObject; workload: Workload; principal: string }>;
  /** Every ServiceAccount identity the input creates, plus the profile controller's default-editor/viewer per Profile. */
  readonly principals: string[];
  readonly profiles: ParsedObject[];

  constructor(kind: (k: string) => ParsedObject[]) {
    this.policies = kind('AuthorizationPolicy')
      .map(policyFrom)
      .filter((p): p is Policy => !!p);
    this.pods = WORKLOAD_KINDS.flatMap((k) => kind(k)).flatMap((o) => {
      const labels = podLabels(o);
      if (!labels) return [];
      const namespace = String(o.object.metadata?.namespace ?? DEFAULT_NAMESPACE);
      const spec = o.object.kind === 'Pod' ? o.object.spec : o.object.spec?.template?.spec;
      return [
        {
          on: o,
          workload: { namespace, labels },
          principal: sa(namespace, String(spec?.serviceAccountName ?? 'default')),
        },
      ];
    });
    this.profiles = kind('Profile').filter(
      (p) => String(p.object.apiVersion ?? '').startsWith('kubeflow.org/') && p.object.metadata?.name,
    );
    const ids = new Set<string>();
    for (const s of kind('ServiceAccount'))
      ids.add(sa(String(s.object.metadata?.namespace ?? DEFAULT_NAMESPACE), String(s.object.metadata?.name ?? '')));
    for (const p of this.pods) ids.add(p.principal);
    for (const p of this.profiles)
      for (const n of ['default-editor', 'default-viewer']) ids.add(sa(p.object.metadata.name, n));
    this.principals = [...ids].sort();
  }

  /**
   * The workload as the input runs it (its pod labels), or as upstream labels it when the input
   * has only its policies; undefined when the input says nothing about it.
   */
  resolve(w: UseridWorkload): Workload | undefined {
    const matches = (labels: Record<string, string>) => Object.entries(w.selector).every(([k, v]) => labels[k] === v);
    const pod = this.pods.find((p) => matches(p.workload.labels));
    if (pod) return pod.workload;
    const own = this.policies.find(
      (p) =>
        p.namespace !== ROOT_NAMESPACE &&
        p.matchLabels &&
        Object.entries(p.matchLabels).every(([k, v]) => w.selector[k] === v),
    );
    return own ? { namespace: own.namespace, labels: { ...w.selector } } : undefined;
  }

  applying(w: Workload): Policy[] {
    return this.policies.filter((p) => appliesTo(p, w));
  }

  /** The `kubeflow-userid` workloads the input runs or guards, each with the policies that apply to it. */
  guardedWorkloads(): Array<{ w: UseridWorkload; workload: Workload; applying: Policy[] }> {
    if (this.policies.length === 0) return [];
    return USERID_WORKLOADS.flatMap((w) => {
      const workload = this.resolve(w);
      const applying = workload ? this.applying(workload) : [];
      return workload && applying.length ? [{ w, workload, applying }] : [];
    });
  }
}

/**
 * `ns-owner-access-istio` as the v1.9 profile controller writes it for a Profile
 * (components/profile-controller/controllers/profile_controller.go, `getAuthorizationPolicy`):
 * the owner's header through the gateway or the Pipelines UI, the namespace's own workloads,
 * Knative's probe paths, and the notebook controller on paths ending in `/api/kernels`.
 */
export function ownerPolicy(profile: ParsedObject): Policy {
  const ns = String(profile.object.metadata.name);
  const owner = String(profile.object.spec?.owner?.name ?? '');
  return {
    name: 'ns-owner-access-istio',
    namespace: ns,
    action: 'ALLOW',
    targeted: false,
    on: profile,
    rules: [
      {
        from: [{ source: { principals: [GATEWAY_PRINCIPAL, KFP_UI_PRINCIPAL] } }],
        when: [{ key: `request.headers[${USERID_HEADER}]`, values: [owner] }],
      },
      { when: [{ key: 'source.namespace', values: [ns] }] },
      { to: [{ operation: { paths: ['/healthz', '/metrics', '/wait-for-drain'] } }] },
      {
        from: [{ source: { principals: [NOTEBOOK_CONTROLLER_PRINCIPAL] } }],
        to: [{ operation: { methods: ['GET'], paths: ['*/api/kernels'] } }],
      },
    ],
  };
}
