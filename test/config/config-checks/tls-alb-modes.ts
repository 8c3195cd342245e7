import { EKS, type CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [{ name: 'none on an ALB', config: { tls: { mode: 'none' }, ingress: { kind: 'alb' }, platform: EKS } }],
  invalid: [
    {
      name: 'self-signed on an ALB',
      config: { tls: { mode: 'self-signed' }, ingress: { kind: 'alb' }, platform: EKS },
      errors: [{ messageId: 'notServed', path: 'tls.mode', message: '"self-signed" cannot be served by an ALB' }],
    },
  ],
} satisfies CheckCases;
