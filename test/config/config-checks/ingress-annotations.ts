import type { CheckCases } from '../../support/config-check-tester.js';

export default {
  valid: [{ name: 'annotations on nginx', config: { ingress: { kind: 'nginx', annotations: { a: 'b' } } } }],
  invalid: [
    {
      name: 'annotations with kind none',
      config: { ingress: { kind: 'none', annotations: { a: 'b' } } },
      errors: [{ messageId: 'nothingToAnnotate', path: 'ingress.annotations' }],
    },
  ],
} satisfies CheckCases;
