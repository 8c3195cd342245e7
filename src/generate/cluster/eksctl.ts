import { RELEASE_ANNOTATION } from '../../kubeflow/clouds.js';
import type { Context, Contribution } from '../core/model.js';
import type { EksPlan, Plan } from '../../plan/index.js';
import { toYaml } from '../../util/yaml.js';
import { sortKeys } from '../../util/order.js';
import { profileManagerAccessEntries } from '../profile-manager/index.js';
import { PHASE } from '../core/phases.js';

/** eksctl `ClusterConfig`, validated against eksctl's published schema in the tests. */
export function eksctlClusterConfig(ctx: Context): Record<string, unknown> | undefined {
  const eks = ctx.plan.platform.eks;
  if (!eks) return undefined;
  const vpc = clusterVpc(eks);
  const serviceAccounts = irsaServiceAccounts(ctx.plan);
  return {
    apiVersion: 'eksctl.io/v1alpha5',
    kind: 'ClusterConfig',
    metadata: {
      name: eks.clusterName,
      region: eks.region,
      version: eks.kubernetesVersion,
      // Read by the eks-version-unsupported rule: the release decides which versions were tested.
      annotations: { [RELEASE_ANNOTATION]: ctx.plan.release.id },
    },
    // The OIDC provider lets service accounts assume IAM roles and issues the tokens CI uses.
    iam: { withOIDC: true, ...(serviceAccounts.length ? { serviceAccounts } : {}) },
    ...(eks.availabilityZones?.length ? { availabilityZones: [...eks.availabilityZones].sort() } : {}),
    ...(vpc ? { vpc } : {}),
    accessConfig: accessConfig(eks, profileManagerAccessEntries(ctx.plan)),
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
      volumeSize: g.volumeSize,
      ...(g.privateNetworking ? { privateNetworking: true } : {}),
      ...(g.addonPolicies?.length
        ? { iam: { withAddonPolicies: Object.fromEntries([...new Set(g.addonPolicies)].sort().map((p) => [p, true])) } }
        : {}),
    })),
  };
}

/** Whether the overlay's load balancer (ALB Ingress, or NLB for the gateway Service) needs the AWS Load Balancer Controller. */
export function needsLoadBalancerController({ platform, exposure }: Plan): boolean {
  const kind = exposure.ingressKind;
  return platform.provider === 'eks' && (kind === 'alb' || kind === 'loadbalancer');
}

/**
 * IAM roles for the controllers the overlay relies on, bound to their service accounts (IRSA).
 * eksctl creates each ServiceAccount with its role annotation when it creates the cluster; the
 * later server-side apply of the overlay leaves that annotation alone, since it does not set it.
 */
function irsaServiceAccounts(plan: Plan): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  if (needsLoadBalancerController(plan)) {
    out.push({
      metadata: { name: 'aws-load-balancer-controller', namespace: 'kube-system' },
      wellKnownPolicies: { awsLoadBalancerController: true },
    });
  }
  if (plan.exposure.tlsMode === 'acme' && plan.exposure.acmeChallenge === 'dns01') {
    out.push({
      metadata: { name: 'cert-manager', namespace: 'cert-manager' },
      wellKnownPolicies: { certManager: true },
    });
  }
  return out;
}

/** The VPC section: an existing VPC's subnets keyed by zone, or a new one's CIDR and NAT; and the API endpoint. */
function clusterVpc(eks: EksPlan): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const subnets = eks.vpc?.subnets;
  if (subnets) {
    const byAz = (m: Record<string, string> | undefined) =>
      m && Object.keys(m).length
        ? Object.fromEntries(
            Object.keys(m)
              .sort()
              .map((az) => [az, { id: m[az] }]),
          )
        : undefined;
    const pub = byAz(subnets.public);
    const priv = byAz(subnets.private);
    out.subnets = { ...(pub ? { public: pub } : {}), ...(priv ? { private: priv } : {}) };
  }
  if (eks.vpc?.cidr) out.cidr = eks.vpc.cidr;
  if (eks.vpc?.nat) out.nat = { gateway: eks.vpc.nat };
  const e = eks.endpointAccess;
  if (e?.endpointsNamed) out.clusterEndpoints = { publicAccess: e.public, privateAccess: e.private };
  if (e?.publicAccessCIDRs.length) out.publicAccessCIDRs = [...e.publicAccessCIDRs];
  return Object.keys(out).length ? out : undefined;
}

/**
 * Access entries are EKS's API for mapping IAM principals; with them and no aws-auth mappings the
 * cluster ignores the aws-auth ConfigMap altogether (`API`), so there is one place to audit. With
 * aws-auth mappings both stay in force (`API_AND_CONFIG_MAP`), which is also eksctl's default.
 */
export function authenticationMode(eks: EksPlan): 'API' | 'API_AND_CONFIG_MAP' {
  const awsAuth = (eks.awsAuth?.mapRoles?.length ?? 0) + (eks.awsAuth?.mapUsers?.length ?? 0) > 0;
  return eks.accessEntries?.length && !awsAuth ? 'API' : 'API_AND_CONFIG_MAP';
}

/** `extra`: access entries kfgen itself needs (the Profile Manager's role). */
function accessConfig(eks: EksPlan, extra: EksPlan['accessEntries'] = []): Record<string, unknown> {
  const entries = [...(eks.accessEntries ?? []), ...(extra ?? [])];
  return {
    authenticationMode: authenticationMode(eks),
    ...(entries.length
      ? {
          accessEntries: entries.map((e) => ({
            principalARN: e.principalARN,
            ...(e.kubernetesGroups?.length ? { kubernetesGroups: e.kubernetesGroups } : {}),
            ...(e.accessPolicies?.length
              ? {
                  accessPolicies: e.accessPolicies.map((p) => ({
                    policyARN: p.policyARN,
                    accessScope: {
                      type: p.accessScope.type,
                      ...(p.accessScope.namespaces?.length ? { namespaces: p.accessScope.namespaces } : {}),
                    },
                  })),
                }
              : {}),
          })),
        }
      : {}),
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
  const eks = ctx.plan.platform.eks!;
  return {
    files: {
      'cluster/eksctl-cluster.yaml': `# Create the cluster: eksctl create cluster -f cluster/eksctl-cluster.yaml\n${toYaml(cluster)}`,
      'storage-class.yaml': toYaml(GP3_STORAGE_CLASS),
    },
    resources: ['storage-class.yaml'],
    nextSteps: [
      {
        order: PHASE.eksCluster,
        title: 'Create the EKS cluster',
        body: [
          '```sh',
          'eksctl create cluster -f cluster/eksctl-cluster.yaml',
          `aws eks update-kubeconfig --name ${eks.clusterName} --region ${eks.region}`,
          '```',
          `This creates \`${eks.clusterName}\` (Kubernetes ${eks.kubernetesVersion}) in \`${eks.region}\` with an IAM OIDC provider,`,
          'the EBS CSI driver and the EKS Pod Identity agent. The overlay adds a default `gp3` StorageClass,',
          'because EKS 1.30 and later no longer mark one as default.',
          ...clusterNotes(eks),
        ].join('\n'),
      },
    ],
  };
}

function clusterNotes(eks: EksPlan): string[] {
  const notes: string[] = [];
  const subnets = eks.vpc?.subnets;
  if (subnets) {
    const ids = [...Object.values(sortKeys(subnets.public ?? {})), ...Object.values(sortKeys(subnets.private ?? {}))];
    notes.push(
      '',
      `The cluster uses the existing VPC subnets ${ids.map((i) => `\`${i}\``).join(', ')}${Object.keys(subnets.private ?? {}).length ? '; node groups run in the private ones' : ''}.`,
      'kfgen names the subnets on its own load balancer; any other load balancer finds subnets by their tags, so tag them',
      '`kubernetes.io/role/elb=1` (public) and `kubernetes.io/role/internal-elb=1` (private).',
    );
  } else {
    const zones = eks.availabilityZones?.length
      ? ` over ${[...eks.availabilityZones]
          .sort()
          .map((z) => `\`${z}\``)
          .join(', ')}`
      : '';
    const nat = eks.nat;
    notes.push(
      '',
      `eksctl creates a VPC${eks.vpc?.cidr ? ` \`${eks.vpc.cidr}\`` : ''} with a public and a private subnet in each zone${zones};`,
      nat === 'Disable'
        ? 'without NAT (`vpc.nat: Disable`), so the node groups run in the public subnets.'
        : `node groups run in the private subnets, behind ${nat === 'Single' ? 'one NAT gateway' : 'a NAT gateway per zone'}.`,
    );
  }
  const endpoint = eks.endpointAccess;
  if (endpoint) {
    const pub = endpoint.public;
    const priv = endpoint.private;
    notes.push(
      '',
      `The API server endpoint is ${pub && priv ? 'public and private' : pub ? 'public' : 'private only'}${pub && endpoint.publicAccessCIDRs.length ? `; the public one admits only ${endpoint.publicAccessCIDRs.map((c) => `\`${c}\``).join(', ')}` : ''}.`,
      ...(pub
        ? []
        : ['Run kubectl and the rest of these steps from inside the VPC (a bastion, a VPN or CI runners there).']),
    );
  }
  const entries = eks.accessEntries ?? [];
  if (entries.length) {
    notes.push(
      '',
      `eksctl creates ${entries.length} access ${entries.length === 1 ? 'entry' : 'entries'} (${entries.map((e) => `\`${e.principalARN}\``).join(', ')}).`,
      authenticationMode(eks) === 'API'
        ? 'The authentication mode is `API`: the cluster ignores the `aws-auth` ConfigMap, access entries are the only IAM mappings.'
        : 'The authentication mode is `API_AND_CONFIG_MAP`: access entries and the `aws-auth` ConfigMap both grant access.',
    );
  }
  return notes;
}
