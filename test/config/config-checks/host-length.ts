import type { CheckCases } from '../../support/config-check-tester.js';

const label = (n: number) => 'a'.repeat(n);

export default {
  valid: [{ name: 'labels of 63', config: { host: `${label(63)}.example.com` } }],
  invalid: [
    {
      name: 'a label of 64',
      config: { host: `${label(64)}.example.com` },
      errors: [{ messageId: 'longLabel', path: 'host', message: '64 characters' }],
    },
    {
      name: 'a name of 255',
      config: { host: [label(63), label(63), label(63), label(63)].join('.') },
      errors: [{ messageId: 'longName', path: 'host', message: 'is 255 characters' }],
    },
  ],
} satisfies CheckCases;
