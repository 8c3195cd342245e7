import type { PlanCheck } from './check.js';

const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;

const check: PlanCheck = {
  meta: {
    id: 'eks-subnet-ids',
    description:
      "Each entry of `platform.eks.vpc.subnets.public` and `.private` is an availability zone of the cluster's region mapped to a subnet id, and no subnet is listed twice.",
    fields: ['platform.eks.vpc.subnets.public.*', 'platform.eks.vpc.subnets.private.*'],
    messages: {
      zone: '"{{az}}" is not an availability zone of region {{region}}',
      subnetId: '"{{id}}" is not a subnet id',
      twice: 'subnet "{{id}}" is listed twice (also as {{other}}); a subnet is either public or private',
    },
  },
  check({ config: c }, report) {
    const eks = c.platform.provider === 'eks' ? c.platform.eks : undefined;
    const subnets = eks?.vpc?.subnets;
    if (!eks || !subnets) return;
    const region = eks.region;
    const seen = new Map<string, string>();
    for (const side of ['public', 'private'] as const) {
      for (const [az, id] of Object.entries(subnets[side] ?? {})) {
        const path = ['platform', 'eks', 'vpc', 'subnets', side, az];
        if (!new RegExp(`^${region}[a-z]$`).test(az))
          report({ path, messageId: 'zone', data: { az, region }, allowed: `${region}a, ${region}b, ...` });
        if (!SUBNET_ID.test(id))
          report({ path, messageId: 'subnetId', data: { id }, allowed: 'subnet-0123456789abcdef0' });
        const other = seen.get(id);
        if (other) report({ path, messageId: 'twice', data: { id, other } });
        seen.set(id, `${side}.${az}`);
      }
    }
  },
};
export default check;
