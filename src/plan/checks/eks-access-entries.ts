import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'eks-access-entries',
    description:
      'Each of `platform.eks.accessEntries` is for a principal listed once and not also mapped in `awsAuth`, grants groups or policies, names EKS access policies, and gives namespaces exactly with a namespace scope.',
    fields: [
      'platform.eks.accessEntries.*',
      'platform.eks.accessEntries.*.principalARN',
      'platform.eks.accessEntries.*.accessPolicies.*.policyARN',
      'platform.eks.accessEntries.*.accessPolicies.*.accessScope.namespaces',
    ],
    messages: {
      duplicate: 'duplicate access entry for "{{principal}}"',
      alsoMapped:
        '"{{principal}}" is also mapped in awsAuth; EKS uses the access entry and ignores the aws-auth mapping for it',
      grantsNothing: 'grants nothing: give it kubernetesGroups or accessPolicies',
      namespacesRequired: 'is required when accessScope.type is "namespace"',
      namespacesUnused: 'is only used when accessScope.type is "namespace"',
      policyArn: '"{{policyARN}}" is not an EKS access policy',
    },
  },
  check({ config: c }, report) {
    const eks = c.platform.provider === 'eks' ? c.platform.eks : undefined;
    if (!eks) return;
    const mapped = new Set([
      ...(eks.awsAuth?.mapRoles ?? []).map((r) => r.rolearn),
      ...(eks.awsAuth?.mapUsers ?? []).map((u) => u.userarn),
    ]);
    const principals: string[] = [];
    (eks.accessEntries ?? []).forEach((e, i) => {
      const path = ['platform', 'eks', 'accessEntries', i];
      const principal = e.principalARN;
      if (principals.includes(principal))
        report({ path: [...path, 'principalARN'], messageId: 'duplicate', data: { principal } });
      principals.push(principal);
      if (mapped.has(principal))
        report({
          path: [...path, 'principalARN'],
          messageId: 'alsoMapped',
          data: { principal },
          suggestion: 'keep one of the two',
        });
      if (!e.kubernetesGroups?.length && !e.accessPolicies?.length) report({ path, messageId: 'grantsNothing' });
      e.accessPolicies?.forEach((pol, j) => {
        const scope = pol.accessScope;
        const sp = [...path, 'accessPolicies', j, 'accessScope', 'namespaces'];
        if (scope.type === 'namespace' && !scope.namespaces?.length)
          report({ path: sp, messageId: 'namespacesRequired' });
        if (scope.type === 'cluster' && scope.namespaces?.length) report({ path: sp, messageId: 'namespacesUnused' });
        if (!/^arn:aws[a-z-]*:eks::aws:cluster-access-policy\/[A-Za-z]+$/.test(pol.policyARN))
          report({
            path: [...path, 'accessPolicies', j, 'policyARN'],
            messageId: 'policyArn',
            data: { policyARN: pol.policyARN },
            allowed:
              'arn:aws:eks::aws:cluster-access-policy/<AmazonEKSClusterAdminPolicy|AmazonEKSAdminPolicy|AmazonEKSEditPolicy|AmazonEKSViewPolicy>',
          });
      });
    });
  },
};
export default check;
