import { perObjectRule } from '../templates.js';

const ROLES: Record<string, string> = { 'kubeflow-admin': 'admin', 'kubeflow-edit': 'edit', 'kubeflow-view': 'view' };

export default perObjectRule(
  {
    id: 'contributor-annotations',
    family: 'tenancy',
    severity: 'warning',
    summary:
      'A RoleBinding that grants a user a Kubeflow role lacks the `user`/`role` annotations Kubeflow access management reads.',
    rationale:
      'KFAM (the dashboard\'s "Manage contributors") lists and removes only bindings that carry both annotations matching the subject and role; others are invisible there and never cleaned up.',
    remediation:
      'Add metadata.annotations `user: <email>` and `role: admin|edit|view` matching the subject and roleRef.',
    params: { roles: ROLES },
    messages: {
      missingAnnotations: 'binding of {{users}} to {{role}} lacks annotation{{missing}}',
      mismatch: 'annotations user={{user}}, role={{annotatedRole}} do not match subject {{users}} and role {{role}}',
    },
  },
  ['RoleBinding'],
  (b, report) => {
    const role = ROLES[b.object.roleRef?.name];
    const users = (b.object.subjects ?? []).filter((s: any) => s?.kind === 'User').map((s: any) => s.name);
    if (!role || users.length === 0 || b.object.roleRef?.kind !== 'ClusterRole') return;
    const a = b.object.metadata?.annotations ?? {};
    if (a.user === undefined || a.role === undefined) {
      report({
        path: ['metadata'],
        messageId: 'missingAnnotations',
        data: {
          users: users.join(', '),
          role: b.object.roleRef.name,
          missing:
            a.user === undefined && a.role === undefined ? 's user and role' : a.user === undefined ? ' user' : ' role',
        },
      });
    } else if (!users.includes(a.user) || a.role !== role) {
      report({
        path: ['metadata', 'annotations'],
        messageId: 'mismatch',
        data: { user: a.user, annotatedRole: a.role, users: users.join(', '), role },
      });
    }
  },
);
