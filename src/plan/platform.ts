import type {
  AksClusterConfig,
  AksConfig,
  EksConfig,
  EksNodeGroup,
  KfgenConfig,
  PlatformConfig,
} from '../config/types.js';
import { DEFAULTS } from '../config/defaults.js';

/** The cluster kfgen writes for: its kind, and the config section of that kind only. */
export interface PlatformPlan {
  readonly provider: PlatformConfig['provider'];
  /** `platform.eks`; only on EKS, so a stray section of another platform writes nothing. */
  readonly eks?: EksPlan;
  /** `platform.aks`; only on AKS. @default {} */
  readonly aks?: AksPlan;
}

export interface EksPlan extends Readonly<Omit<EksConfig, 'nodeGroups' | 'endpointAccess'>> {
  readonly nodeGroups: readonly EksNodeGroupPlan[];
  /** NAT of the VPC eksctl creates. @default 'Single' (eksctl's own) */
  readonly nat: 'Single' | 'HighlyAvailable' | 'Disable';
  /** Who reaches the API server; undefined when the config leaves it to eksctl (public only). */
  readonly endpointAccess?: EksEndpointPlan;
}

export interface EksEndpointPlan {
  /** @default true */
  readonly public: boolean;
  /** @default false */
  readonly private: boolean;
  /** @default [] (anywhere) */
  readonly publicAccessCIDRs: readonly string[];
  /** The config names either endpoint; only then does the cluster file set both. */
  readonly endpointsNamed: boolean;
}

export interface EksNodeGroupPlan extends Readonly<EksNodeGroup> {
  /** Root volume, GiB. @default DEFAULTS.eksNodeVolumeSize */
  readonly volumeSize: number;
  /** @default true when the VPC has private subnets (one eksctl creates with NAT, or an existing one whose private subnets are given) */
  readonly privateNetworking: boolean;
}

export interface AksPlan extends Readonly<Omit<AksConfig, 'cluster'>> {
  /** The cluster NEXT_STEPS creates, with `nodeVmSize` and `nodeCount` defaulted (DEFAULTS.aksNode*). */
  readonly cluster?: Readonly<Required<AksClusterConfig>>;
}

export function planPlatform(config: KfgenConfig): PlatformPlan {
  const p = config.platform;
  if (p.provider === 'eks') return { provider: 'eks', ...(p.eks ? { eks: planEks(p.eks) } : {}) };
  if (p.provider === 'aks') return { provider: 'aks', aks: planAks(p.aks ?? {}) };
  return { provider: p.provider };
}

function planAks({ cluster, ...rest }: AksConfig): AksPlan {
  if (!cluster) return rest;
  return {
    ...rest,
    cluster: {
      ...cluster,
      nodeVmSize: cluster.nodeVmSize ?? DEFAULTS.aksNodeVmSize,
      nodeCount: cluster.nodeCount ?? DEFAULTS.aksNodeCount,
    },
  };
}

function planEks({ endpointAccess: e, ...eks }: EksConfig): EksPlan {
  const privateNodes = nodesPrivateByDefault(eks);
  return {
    ...eks,
    nat: eks.vpc?.nat ?? DEFAULTS.eksNat,
    ...(e
      ? {
          endpointAccess: {
            public: e.public ?? true,
            private: e.private ?? false,
            publicAccessCIDRs: e.publicAccessCIDRs ?? [],
            endpointsNamed: e.public !== undefined || e.private !== undefined,
          },
        }
      : {}),
    nodeGroups: eks.nodeGroups.map((g) => ({
      ...g,
      volumeSize: g.volumeSize ?? DEFAULTS.eksNodeVolumeSize,
      privateNetworking: g.privateNetworking ?? privateNodes,
    })),
  };
}

/**
 * Worker nodes go into private subnets whenever there are any: nothing reaches them from outside.
 * A VPC eksctl creates always has them (with NAT); an existing one only if its private subnets are given.
 */
function nodesPrivateByDefault(eks: Omit<EksConfig, 'endpointAccess'>): boolean {
  const subnets = eks.vpc?.subnets;
  if (!subnets) return (eks.vpc?.nat ?? DEFAULTS.eksNat) !== 'Disable';
  return Object.keys(subnets.private ?? {}).length > 0;
}
