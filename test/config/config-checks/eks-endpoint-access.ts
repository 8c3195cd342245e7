import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const access = (endpointAccess: Record<string, unknown>) => ({
  platform: { ...EKS, eks: { ...EKS.eks, endpointAccess } },
});

export default {
  valid: [
    { name: 'private only', config: access({ public: false, private: true }) },
    { name: 'a restricted public endpoint', config: access({ publicAccessCIDRs: ['203.0.113.0/24'] }) },
  ],
  invalid: [
    {
      name: 'both endpoints off, a restriction of the public one, and not a CIDR',
      config: access({ public: false, publicAccessCIDRs: ['203.0.113.0'] }),
      errors: [
        { messageId: 'bothOff', path: 'platform.eks.endpointAccess' },
        { messageId: 'cidrsUnused', path: 'platform.eks.endpointAccess.publicAccessCIDRs' },
        { messageId: 'notCidr', path: 'platform.eks.endpointAccess.publicAccessCIDRs[0]', message: '"203.0.113.0"' },
      ],
    },
  ],
} satisfies CheckCases;
