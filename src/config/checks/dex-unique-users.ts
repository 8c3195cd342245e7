import type { ConfigOnlyCheck } from './check.js';

const check: ConfigOnlyCheck = {
  meta: {
    id: 'dex-unique-users',
    description: 'Each Dex user email appears once (compared without case, as Dex does).',
    fields: ['auth.dex.users.*.email'],
    messages: { duplicate: 'duplicate user "{{email}}"' },
  },
  check({ config: { auth: a } }, report) {
    if (a.provider !== 'dex' || !a.dex) return;
    const emails = a.dex.users?.map((u) => u.email.toLowerCase()) ?? [];
    emails.forEach((email, i) => {
      if (emails.indexOf(email) !== i)
        report({ path: ['auth', 'dex', 'users', i, 'email'], messageId: 'duplicate', data: { email } });
    });
  },
};
export default check;
