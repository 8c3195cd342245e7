import type { Context, Contribution } from './model.js';
import { toYaml } from '../util/yaml.js';

/** eksctl `ClusterConfig`, validated against eksctl's published schema in the tests. */
export function eksctlClusterConfig(ctx: Context): Record<string, unknown> | undefined {
  const eks = ctx.config.platform.eks;
  if (ctx.config.platform.provider !== 'eks' || !eks) return undefined;
  return {
    apiVersion: 'eksctl.io/v1alpha5',
    kind: 'ClusterConfig',
    metadata: { name: eks.clusterName, region: eks.region, version: eks.kubernetesVersion },
    // The OIDC provider lets service accounts assume IAM roles and issues the tokens CI uses.
    iam: { withOIDC: true },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    addonsConfig: { autoApplyPodIdentityAssociations: true },
    addons: [
      { name: 'eks-pod-identity-agent' },
      // Kubeflow's PVCs (Pipelines' MySQL and MinIO, Katib) need a CSI driver for EBS volumes.
      { name: 'aws-ebs-csi-driver', useDefaultPodIdentityAssociations: true },
    ],
    managedNodeGroups: eks.nodeGroups.map((g) => ({
      name: g.name,
      instanceType: g.instanceType,
      minSize: g.minSize,
      desiredCapacity: g.desiredCapacity,
      maxSize: g.maxSize,
      volumeSize: g.volumeSize ?? 100,
    })),
  };
}

/** EKS 1.30+ has no default StorageClass; Kubeflow's PVCs would stay Pending without one. */
const GP3_STORAGE_CLASS = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'ebs.csi.aws.com',
  parameters: { type: 'gp3', fsType: 'ext4' },
  volumeBindingMode: 'WaitForFirstConsumer',
  allowVolumeExpansion: true,
};

export function eksctl(ctx: Context): Contribution {
  const cluster = eksctlClusterConfig(ctx);
  if (!cluster) return {};
  const eks = ctx.config.platform.eks!;
  return {
    files: {
      'cluster/eksctl-cluster.yaml': `# Create the cluster: eksctl create cluster -f cluster/eksctl-cluster.yaml\n${toYaml(cluster)}`,
      'storage-class.yaml': toYaml(GP3_STORAGE_CLASS),
    },
    resources: ['storage-class.yaml'],
    nextSteps: [
      {
        order: 10,
        title: 'Create the EKS cluster',
        body: [
          '```sh',
          'eksctl create cluster -f cluster/eksctl-cluster.yaml',
          `aws eks update-kubeconfig --name ${eks.clusterName} --region ${eks.region}`,
          '```',
          `This creates \`${eks.clusterName}\` (Kubernetes ${eks.kubernetesVersion}) in \`${eks.region}\` with an IAM OIDC provider,`,
          'the EBS CSI driver and the EKS Pod Identity agent. The overlay adds a default `gp3` StorageClass,',
          'because EKS 1.30 and later no longer mark one as default.',
        ].join('\n'),
      },
    ],
  };
}
