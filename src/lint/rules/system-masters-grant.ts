import { perObjectRule } from '../templates.js';
import { awsAuthEntries } from '../kubeflow/aws-auth.js';

export default perObjectRule(
  {
    id: 'system-masters-grant',
    family: 'platform',
    severity: 'warning',
    summary: 'An IAM identity is mapped into `system:masters` (aws-auth or eksctl iamIdentityMappings).',
    rationale:
      'system:masters bypasses RBAC entirely and cannot be revoked by editing RBAC objects; Kubeflow operators need kubeflow-admin or a scoped ClusterRole, not unconditional cluster-admin.',
    remediation:
      'Map the identity to a group bound to a scoped ClusterRole (or use EKS access entries with a narrower policy).',
    messages: {
      systemMasters: '{{arn}} is mapped to system:masters',
    },
  },
  ['ConfigMap', 'ClusterConfig'],
  (o, report) => {
    for (const e of awsAuthEntries(o)) {
      if (Array.isArray(e.item?.groups) && e.item.groups.includes('system:masters')) {
        report({
          path: ['data', e.key],
          innerLine: e.innerLine,
          messageId: 'systemMasters',
          data: { arn: e.item.rolearn ?? e.item.userarn },
        });
      }
    }
    if (o.object.kind === 'ClusterConfig') {
      (o.object.iamIdentityMappings ?? []).forEach((m: any, i: number) => {
        if (Array.isArray(m?.groups) && m.groups.includes('system:masters'))
          report({ path: ['iamIdentityMappings', i, 'groups'], messageId: 'systemMasters', data: { arn: m.arn } });
      });
    }
  },
);
