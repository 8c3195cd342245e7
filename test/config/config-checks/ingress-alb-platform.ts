import { EKS, type CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [{ name: 'an ALB on EKS', config: { tls: { mode: 'none' }, ingress: { kind: 'alb' }, platform: EKS } }],
  invalid: [
    {
      name: 'an ALB on a generic cluster',
      config: { tls: { mode: 'none' }, ingress: { kind: 'alb' } },
      errors: [{ messageId: 'needsEks', path: 'ingress.kind', message: 'platform.provider is "generic"' }],
    },
  ],
} satisfies CheckCases;
