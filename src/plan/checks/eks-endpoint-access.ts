import type { PlanCheck } from './check.js';

const check: PlanCheck = {
  meta: {
    id: 'eks-endpoint-access',
    description:
      '`platform.eks.endpointAccess` keeps at least one API server endpoint, restricts the public one only while it is on, and lists IPv4 CIDRs.',
    fields: [
      'platform.eks.endpointAccess',
      'platform.eks.endpointAccess.publicAccessCIDRs',
      'platform.eks.endpointAccess.publicAccessCIDRs.*',
    ],
    messages: {
      bothOff: 'turns off both endpoints: nothing, not even the nodes, could reach the API server',
      cidrsUnused: 'restricts the public endpoint, which public: false turns off',
      notCidr: '"{{cidr}}" is not an IPv4 CIDR',
    },
  },
  check({ config: c }, report) {
    const eks = c.platform.provider === 'eks' ? c.platform.eks : undefined;
    const endpoint = eks?.endpointAccess;
    if (!endpoint) return;
    const path = ['platform', 'eks', 'endpointAccess'];
    if (endpoint.public === false && !endpoint.private)
      report({ path, messageId: 'bothOff', suggestion: 'set private: true' });
    if (endpoint.publicAccessCIDRs?.length && endpoint.public === false)
      report({
        path: [...path, 'publicAccessCIDRs'],
        messageId: 'cidrsUnused',
        suggestion: 'remove publicAccessCIDRs',
      });
    endpoint.publicAccessCIDRs?.forEach((cidr, i) => {
      if (!/^[0-9]{1,3}(\.[0-9]{1,3}){3}\/[0-9]{1,2}$/.test(cidr))
        report({
          path: [...path, 'publicAccessCIDRs', i],
          messageId: 'notCidr',
          data: { cidr },
          allowed: 'e.g. 203.0.113.0/24',
        });
    });
  },
};
export default check;
