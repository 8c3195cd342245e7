import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const ADMIN = 'arn:aws:iam::111122223333:role/Admins';
const VIEW = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy';
const entries = (accessEntries: unknown[], awsAuth?: unknown) => ({
  platform: { ...EKS, eks: { ...EKS.eks, accessEntries, ...(awsAuth ? { awsAuth } : {}) } },
});
const policy = (type: string, namespaces?: string[], policyARN = VIEW) => ({
  policyARN,
  accessScope: { type, ...(namespaces ? { namespaces } : {}) },
});

export default {
  valid: [
    {
      name: 'a cluster-wide view policy',
      config: entries([{ principalARN: ADMIN, accessPolicies: [policy('cluster')] }]),
    },
    {
      name: 'a namespace scope with namespaces',
      config: entries([{ principalARN: ADMIN, accessPolicies: [policy('namespace', ['a'])] }]),
    },
  ],
  invalid: [
    {
      name: 'a principal twice',
      config: entries([
        { principalARN: ADMIN, kubernetesGroups: ['g'] },
        { principalARN: ADMIN, kubernetesGroups: ['h'] },
      ]),
      errors: [{ messageId: 'duplicate', path: 'platform.eks.accessEntries[1].principalARN' }],
    },
    {
      name: 'a principal also in aws-auth',
      config: entries([{ principalARN: ADMIN, kubernetesGroups: ['g'] }], {
        mapRoles: [{ rolearn: ADMIN, username: 'a', groups: ['g'] }],
      }),
      errors: [{ messageId: 'alsoMapped', path: 'platform.eks.accessEntries[0].principalARN' }],
    },
    {
      name: 'an entry that grants nothing',
      config: entries([{ principalARN: ADMIN }]),
      errors: [{ messageId: 'grantsNothing', path: 'platform.eks.accessEntries[0]' }],
    },
    {
      name: 'namespace scopes without and cluster scopes with namespaces, and not an access policy',
      config: entries([
        {
          principalARN: ADMIN,
          accessPolicies: [
            policy('namespace'),
            policy('cluster', ['a']),
            policy('cluster', undefined, 'arn:aws:iam::aws:policy/X'),
          ],
        },
      ]),
      errors: [
        {
          messageId: 'namespacesRequired',
          path: 'platform.eks.accessEntries[0].accessPolicies[0].accessScope.namespaces',
        },
        {
          messageId: 'namespacesUnused',
          path: 'platform.eks.accessEntries[0].accessPolicies[1].accessScope.namespaces',
        },
        { messageId: 'policyArn', path: 'platform.eks.accessEntries[0].accessPolicies[2].policyARN' },
      ],
    },
  ],
} satisfies CheckCases;
