// The plan checks: one per file, each reading the resolved plan. Run in this order (the order of
// their problems), after the config checks of src/config/checks/ found nothing.
import type { PlanCheck } from './check.js';
import tenancyUserIds from './tenancy-user-ids.js';
import profileEntries from './profile-entries.js';
import personalProfiles from './personal-profiles.js';
import programmaticAccess from './programmatic-access.js';
import groupNamespaceNaming from './group-namespace-naming.js';
import groupNamespaceOwner from './group-namespace-owner.js';
import groupNamespacesCognito from './group-namespaces-cognito.js';
import cognitoIdTokenLifetime from './cognito-id-token-lifetime.js';
import dexIdTokenLifetime from './dex-id-token-lifetime.js';
import allowedGroupsCustomClaim from './allowed-groups-custom-claim.js';
import entraEmailClaim from './entra-email-claim.js';
import sessionRefreshIdToken from './session-refresh-id-token.js';

/** Tenancy and group namespaces: run before the exposure rules (still plan/validate-exposure.ts). */
export const tenancyChecks: readonly PlanCheck[] = [
  tenancyUserIds,
  profileEntries,
  personalProfiles,
  programmaticAccess,
  groupNamespaceNaming,
  groupNamespaceOwner,
  groupNamespacesCognito,
];

/** The session and the providers' tokens: run after the exposure rules. */
export const sessionChecks: readonly PlanCheck[] = [
  cognitoIdTokenLifetime,
  dexIdTokenLifetime,
  allowedGroupsCustomClaim,
  entraEmailClaim,
  sessionRefreshIdToken,
];

export const planChecks: readonly PlanCheck[] = [...tenancyChecks, ...sessionChecks];
