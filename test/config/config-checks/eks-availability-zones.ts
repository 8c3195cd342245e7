import { EKS, type CheckCases } from '../../support/config-check-tester.js';

const zones = (availabilityZones: string[]) => ({ platform: { ...EKS, eks: { ...EKS.eks, availabilityZones } } });

export default {
  valid: [{ name: 'two zones of the region', config: zones(['us-east-1a', 'us-east-1b']) }],
  invalid: [
    {
      name: 'a zone of another region, and one twice',
      config: zones(['us-east-1a', 'eu-west-1b', 'us-east-1a']),
      errors: [
        { messageId: 'zone', path: 'platform.eks.availabilityZones[1]', message: '"eu-west-1b"' },
        { messageId: 'twice', path: 'platform.eks.availabilityZones[2]' },
      ],
    },
  ],
} satisfies CheckCases;
