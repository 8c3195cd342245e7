// The example deployment: Kubeflow v1.9.1 on EKS, users signing in with Microsoft Entra ID through
// oauth2-proxy, exposed by ingress-nginx with TLS. `npx kfgen build` writes it to out/.
import { defineConfig } from 'kfgen';

export default defineConfig({
  manifests: {
    version: 'v1.9.1',
    // KFGEN_MANIFESTS points at another checkout of kubeflow/manifests v1.9.1.
    path: process.env.KFGEN_MANIFESTS ?? '../shared/kubeflow-manifests/v1.9.1',
  },
  host: 'kubeflow.example.com',
  platform: {
    provider: 'eks',
    eks: {
      clusterName: 'kubeflow-cluster',
      region: 'us-east-1',
      kubernetesVersion: '1.32',
      nodeGroups: [{ name: 'kubeflow-workers', instanceType: 'm5.xlarge', minSize: 3, desiredCapacity: 3, maxSize: 5 }],
      awsAuth: {
        mapRoles: [
          {
            rolearn: 'arn:aws:iam::111122223333:role/kubeflow-platform-admins',
            username: 'platform-admin:{{SessionName}}',
            groups: ['kubeflow-platform-admins'],
          },
        ],
        mapUsers: [
          {
            userarn: 'arn:aws:iam::111122223333:user/ci-deployer',
            username: 'ci-deployer',
            groups: ['kubeflow-deployers'],
          },
        ],
      },
    },
  },
  tls: { mode: 'secret', secretName: 'kubeflow-tls' },
  ingress: { kind: 'nginx', className: 'nginx' },
  auth: {
    provider: 'azure-ad',
    azureAd: {
      tenantId: '7f3c2a9e-1b4d-4e8f-9a6c-2d5e8f1a3b7c',
      clientId: 'c4a8e2f1-6d3b-4a9e-8f2c-1b7d5e9a3c6f',
      // Created in the cluster by you (NEXT_STEPS.md shows how), so this builds with no env set.
      clientSecret: { existingSecret: { name: 'kubeflow-oidc', key: 'client-secret' } },
    },
    cookieSecret: { existingSecret: { name: 'kubeflow-oidc', key: 'cookie-secret' } },
    userClaim: 'email',
  },
});
