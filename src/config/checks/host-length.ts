import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'host-length',
    description:
      'A DNS label of `host` holds at most 63 characters and the name at most 253 (RFC 1123): the Ingress, the Gateway and the certificate all refuse longer names, and the schema pattern cannot count.',
    fields: ['host'],
    messages: {
      longLabel: 'has a label of {{length}} characters; a DNS label holds at most 63',
      longName: 'is {{length}} characters long; a DNS name holds at most 253',
    },
  },
  check({ config: c }, report) {
    const longLabel = c.host.split('.').find((l) => l.length > 63);
    if (longLabel) report({ path: ['host'], messageId: 'longLabel', data: { length: longLabel.length } });
    else if (c.host.length > 253) report({ path: ['host'], messageId: 'longName', data: { length: c.host.length } });
  },
};
export default check;
