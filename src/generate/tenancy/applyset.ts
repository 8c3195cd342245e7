import { createHash } from 'node:crypto';
import { toYaml } from '../../util/yaml.js';
import { TENANCY_DIR } from './files.js';

/**
 * The kubectl ApplySet (KEP-3659) whose members are the tenancy files. kubectl 1.30 allows a
 * Secret or ConfigMap parent only with `-n`, and `-n` refuses objects of other namespaces, while
 * the members are cluster-scoped Profiles and objects in every profile namespace. So the parent is
 * a cluster-scoped custom resource; its CRD carries `applyset.kubernetes.io/is-parent-type`.
 * kubectl never creates a custom-resource parent itself, and it refuses one without its id label
 * and tooling and group-kinds annotations, so kfgen writes it with those.
 */
export const APPLYSET_GROUP = 'kfgen.dev';
export const APPLYSET_KIND = 'ApplySet';
export const APPLYSET_NAME = 'kfgen-tenancy';
export const APPLYSET_REF = `applysets.${APPLYSET_GROUP}/${APPLYSET_NAME}`;
/** The CRD goes with the platform (its apply loop waits for CRDs); the parent is created once, then kubectl maintains it. */
export const APPLYSET_CRD_FILE = 'applyset/crd.yaml';
export const APPLYSET_PARENT_FILE = 'applyset/kfgen-tenancy.yaml';

/** kubectl's `ApplySet.ID()`: base64url(sha256("<name>.<namespace>.<kind>.<group>")), prefixed and versioned. */
export function applySetId(name: string, namespace: string, kind: string, group: string): string {
  return `applyset-${createHash('sha256').update([name, namespace, kind, group].join('.')).digest('base64url')}-v1`;
}

export const APPLYSET_ID = applySetId(APPLYSET_NAME, '', APPLYSET_KIND, APPLYSET_GROUP);
/** The label kubectl puts on every member; pruning considers only objects that carry it with this id. */
export const APPLYSET_MEMBER_LABEL = `applyset.kubernetes.io/part-of=${APPLYSET_ID}`;

export function applySetCrd(): string {
  return toYaml({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `applysets.${APPLYSET_GROUP}`, labels: { 'applyset.kubernetes.io/is-parent-type': 'true' } },
    spec: {
      group: APPLYSET_GROUP,
      names: { kind: APPLYSET_KIND, listKind: `${APPLYSET_KIND}List`, plural: 'applysets', singular: 'applyset' },
      scope: 'Cluster',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          // Only metadata matters: kubectl keeps the set's state in labels and annotations.
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: 'Parent of a kubectl ApplySet (KEP-3659); its members are found by label.',
            },
          },
        },
      ],
    },
  });
}

export function applySetParent(): string {
  return toYaml({
    apiVersion: `${APPLYSET_GROUP}/v1alpha1`,
    kind: APPLYSET_KIND,
    metadata: {
      name: APPLYSET_NAME,
      labels: { 'applyset.kubernetes.io/id': APPLYSET_ID },
      // kubectl fills in the group-kinds and namespaces on the first apply and keeps them current.
      annotations: {
        'applyset.kubernetes.io/tooling': 'kubectl/v1.30.14',
        'applyset.kubernetes.io/contains-group-kinds': '',
      },
    },
  });
}

/** The commands NEXT_STEPS prints and test/e2e/tenancy-prune.test.ts runs, from one place. */
export const APPLYSET_COMMANDS = {
  /** `create`, not `apply`: re-applying would reset the annotations kubectl maintains. */
  createParent: `kubectl get ${APPLYSET_REF.replace('/', ' ')} >/dev/null 2>&1 || kubectl create --field-manager=kubectl-applyset -f ${APPLYSET_PARENT_FILE}`,
  apply: `KUBECTL_APPLYSET=true kubectl apply --server-side --force-conflicts --prune --applyset=${APPLYSET_REF} -f ${TENANCY_DIR}/`,
};
