import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'eks-availability-zones',
    description: "Each of `platform.eks.availabilityZones` is a zone of the cluster's region, listed once.",
    fields: ['platform.eks.availabilityZones.*'],
    messages: {
      zone: '"{{az}}" is not an availability zone of region {{region}}',
      twice: '"{{az}}" is listed twice',
    },
  },
  check({ config: c }, report) {
    const eks = c.platform.provider === 'eks' ? c.platform.eks : undefined;
    if (!eks) return;
    const region = eks.region;
    const zones = eks.availabilityZones ?? [];
    zones.forEach((az, i) => {
      const path = ['platform', 'eks', 'availabilityZones', i];
      if (!new RegExp(`^${region}[a-z]$`).test(az))
        report({ path, messageId: 'zone', data: { az, region }, allowed: `${region}a, ${region}b, ...` });
      if (zones.indexOf(az) !== i) report({ path, messageId: 'twice', data: { az } });
    });
  },
};
export default check;
