import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'dex-unique-connectors',
    description: 'Each Dex connector id appears once.',
    fields: ['auth.dex.connectors.*.id'],
    messages: { duplicate: 'duplicate connector id "{{id}}"' },
  },
  check({ config: { auth: a } }, report) {
    if (a.provider !== 'dex' || !a.dex) return;
    const ids = a.dex.connectors?.map((k) => k.id) ?? [];
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        report({ path: ['auth', 'dex', 'connectors', i, 'id'], messageId: 'duplicate', data: { id } });
    });
  },
};
export default check;
