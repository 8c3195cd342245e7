import type { Plan } from '../index.js';
import type { CheckReport } from '../../config/checks/check.js';
import { didYouMean } from '../../util/did-you-mean.js';
import type { PlanCheck } from './check.js';
import { userIds } from './tenancy-names.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Kubeflow compares the header byte for byte, so an id must be what the `userClaim` carries. */
const check: PlanCheck = {
  meta: {
    id: 'tenancy-user-ids',
    description:
      'Every user id (profile owners and contributors, group members, the admin) is what the user-id claim carries: one of the Dex users, an email address, or a UUID.',
    fields: ['profiles.*.owner', 'profiles.*.contributors.*.user', 'groups.*.*', 'tenancy.admin'],
    messages: {
      whitespace: '{{id}} is not a user id: it contains whitespace',
      notDexUser: '"{{id}}" is not one of the Dex users, the only people who can sign in',
      notEmail:
        '"{{id}}" does not look like an email address, but auth.userClaim is "{{claim}}", so users are identified by their {{claim}}',
      notUuid: '"{{id}}" does not look like a {{claim}} (a UUID), which auth.userClaim "{{claim}}" makes the user id',
    },
  },
  check({ config, plan }, report) {
    for (const u of userIds(config)) {
      const problem = userIdProblem(u.id, plan);
      if (problem) report({ path: u.path, ...problem });
    }
  },
};
export default check;

function userIdProblem(id: string, { auth }: Plan): Omit<CheckReport, 'path'> | undefined {
  const claim = auth.userClaim;
  if (!id.trim() || /\s/.test(id)) return { messageId: 'whitespace', data: { id: JSON.stringify(id) } };
  if (auth.dex && !auth.dex.connectors.length) {
    const emails = auth.dex.users.map((u) => u.email);
    if (emails.includes(id)) return undefined;
    const guess = didYouMean(id, emails);
    return {
      messageId: 'notDexUser',
      data: { id },
      suggestion: guess ? `did you mean "${guess}"?` : 'add the user under auth.dex.users',
    };
  }
  if ((claim === 'email' || claim === 'upn') && !EMAIL.test(id))
    return {
      messageId: 'notEmail',
      data: { id, claim },
      suggestion: 'write the user id exactly as the identity provider sends it, e.g. alice@example.com',
    };
  const opaque = claim === 'oid' || (claim === 'sub' && auth.provider === 'cognito');
  if (opaque && !UUID.test(id))
    return {
      messageId: 'notUuid',
      data: { id, claim },
      suggestion: 'write the user id exactly as the identity provider sends it',
    };
  return undefined;
}
