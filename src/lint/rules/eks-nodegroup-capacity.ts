import type { Rule } from '../rule.js';
import { instanceCapacity } from '../kubeflow/instances.js';

import { KUBEFLOW_MIN_CAPACITY } from '../../kubeflow/capacity.js';

const NEED = KUBEFLOW_MIN_CAPACITY;

const rule: Rule = {
  meta: {
    id: 'eks-nodegroup-capacity',
    family: 'platform',
    severity: 'warning',
    summary: `The node groups' minimum size gives less than Kubeflow's stated need (${NEED.cpu} CPU, ${NEED.memGiB} GiB).`,
    rationale:
      'With fewer resources at minimum scale, part of the platform stays Pending (Istio, KFP, Katib and KServe controllers alone request several cores) until the autoscaler reacts, if it does.',
    remediation: 'Raise minSize or pick a larger instanceType (e.g. 2 × m5.xlarge).',
    params: NEED,
    messages: {
      tooSmall:
        'node groups at minimum size give {{cpu}} vCPU and {{memGiB}} GiB; Kubeflow needs at least {{needCpu}} vCPU and {{needMemGiB}} GiB',
    },
  },
  check(ctx) {
    for (const c of ctx.facts.kind('ClusterConfig')) {
      if (!String(c.object.apiVersion).startsWith('eksctl.io/')) continue;
      let cpu = 0;
      let mem = 0;
      let first: (string | number)[] | undefined;
      for (const field of ['nodeGroups', 'managedNodeGroups']) {
        const groups = c.object[field];
        if (!Array.isArray(groups)) continue;
        for (let i = 0; i < groups.length; i++) {
          const g = groups[i];
          const types: string[] = g?.instanceType
            ? [g.instanceType]
            : Array.isArray(g?.instanceTypes)
              ? g.instanceTypes
              : [];
          const caps = types.map(instanceCapacity);
          // an unknown instance type could be large; do not guess
          if (caps.length === 0 || caps.some((x) => !x)) return;
          const min = g.minSize ?? g.desiredCapacity ?? 2;
          const cap = caps.reduce((a, b) => (a!.cpu <= b!.cpu ? a : b))!;
          cpu += cap.cpu * min;
          mem += cap.memGiB * min;
          first ??= [field, i, g.minSize !== undefined ? 'minSize' : 'instanceType'];
        }
      }
      if (first && (cpu < NEED.cpu || mem < NEED.memGiB)) {
        ctx.report({
          on: c,
          path: first,
          messageId: 'tooSmall',
          data: { cpu, memGiB: mem, needCpu: NEED.cpu, needMemGiB: NEED.memGiB },
        });
      }
    }
  },
};
export default rule;
