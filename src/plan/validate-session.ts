import type { Plan } from './index.js';
import type { Problem } from '../config/errors.js';
import { problemList, type Locate } from '../config/validate.js';
import { durationSeconds } from '../util/duration.js';
import { COGNITO_ID_TOKEN_RANGE, defaultRefresh } from './session.js';
import { formatDuration } from '../util/duration.js';

/**
 * A session that outlives the provider's ID token must be refreshed before the token expires:
 * oauth2-proxy otherwise keeps handing the gateway the expired token, and every request gets
 * 401 "Jwt is expired" until the cookie ends.
 */
export function sessionProblems(plan: Plan, file: string, locate: Locate): Problem[] {
  const { config, session } = plan;
  const { problems, add } = problemList(file, locate);
  const cognito = config.auth.provider === 'cognito' ? config.auth.cognito : undefined;
  if (cognito?.idTokenLifetime !== undefined) {
    const s = durationSeconds(cognito.idTokenLifetime) ?? 0;
    if (s < COGNITO_ID_TOKEN_RANGE.min || s > COGNITO_ID_TOKEN_RANGE.max)
      add(
        ['auth', 'cognito', 'idTokenLifetime'],
        `${JSON.stringify(cognito.idTokenLifetime)} is not an ID-token validity Cognito accepts`,
        '5m to 24h',
      );
  }
  const dex = config.auth.provider === 'dex' ? config.auth.dex : undefined;
  if (dex?.idTokenLifetime !== undefined && !durationSeconds(dex.idTokenLifetime))
    add(['auth', 'dex', 'idTokenLifetime'], 'must be longer than 0s: Dex would issue tokens that are already expired');
  const allowed = config.auth.allowedGroups;
  if (allowed?.length && cognito && plan.auth.groupsClaim.startsWith('custom:'))
    add(
      ['auth', 'allowedGroups'],
      `cannot work with groups claim ${plan.auth.groupsClaim}: Cognito passes the SAML groups in a custom attribute as one string ("[g1, g2]"), which oauth2-proxy takes as a single group, so nobody would match`,
      undefined,
      `remove it and let ${cognito.saml?.name ?? 'the SAML provider'} decide who may sign in (an Issuance Authorization Rule on its relying party trust), or use Cognito's own groups (groupsClaim: cognito:groups)`,
    );
  const entraEmail = config.auth.provider === 'azure-ad' ? config.auth.azureAd?.emailClaim : undefined;
  if (entraEmail && entraEmail !== 'email' && plan.auth.userClaim === 'email')
    add(
      ['auth', 'azureAd', 'emailClaim'],
      `is "${entraEmail}", but userClaim is "email": a user without a mailbox would sign in and have no kubeflow-userid (the gateway reads userClaim)`,
      undefined,
      `set userClaim: ${entraEmail} too (every user has it), or remove emailClaim`,
    );
  const token = session.idToken;
  const expire = durationSeconds(session.cookieExpire) ?? 0;
  if (!token || !token.seconds || expire <= token.seconds || session.refreshDefaulted) return problems;
  const refresh = durationSeconds(session.cookieRefresh) ?? 0;
  const fix = defaultRefresh(token.seconds, expire);
  const consequence = `oauth2-proxy keeps handing the gateway the expired ID token and every request gets 401 "Jwt is expired" until the cookie ends (cookieExpire ${session.cookieExpire})`;
  if (refresh === 0)
    add(
      ['auth', 'session', 'cookieRefresh'],
      `"${session.cookieRefresh}" turns refresh off, but ${token.source}: after ${token.lifetime} ${consequence}`,
      `a period shorter than ${token.lifetime}`,
      `remove it (kfgen refreshes at ${fix}), or make cookieExpire at most ${token.lifetime}`,
    );
  else if (refresh >= token.seconds)
    add(
      ['auth', 'session', 'cookieRefresh'],
      `"${session.cookieRefresh}" is not shorter than the ID-token lifetime: ${token.source}, so from ${token.lifetime} until the refresh at ${formatDuration(refresh)} ${consequence.replace(' until the cookie ends', '').replace(/ \(cookieExpire [^)]*\)/, '')}`,
      `a period shorter than ${token.lifetime}`,
      `remove it (kfgen refreshes at ${fix})`,
    );
  return problems;
}
