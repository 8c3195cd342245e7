import type { KfgenConfig } from '../config/types.js';
import { planAuth, type AuthPlan, type DexPlan, type MachineTokensPlan } from './auth.js';
import type { UserSecret } from './user-secrets.js';
import { planExposure, type AcmePlan, type ExposurePlan } from './exposure.js';
import {
  planMemberships,
  planProfiles,
  planTenancy,
  type Membership,
  type PlannedProfile,
  type TenancyPlan,
} from './tenancy.js';
import { planPlatform, type AksPlan, type EksNodeGroupPlan, type EksPlan, type PlatformPlan } from './platform.js';
import { planAccess, type PlannedAccess } from './access.js';
import { planSession, type SessionPlan } from './session.js';
import {
  planGroupNamespaces,
  planProfileManager,
  type GroupNamespacesPlan,
  type ProfileManagerPlan,
} from './profile-manager.js';
import type { Release } from '../kubeflow/release.js';
import { release } from '../kubeflow/releases/index.js';

/**
 * The config resolved once, with every default applied: what the validators check and what the
 * generators write both come from this, so they cannot disagree.
 */
export interface Plan {
  /** Where users browse to: a DNS name or an IP address. */
  host: string;
  platform: PlatformPlan;
  /** The upstream release's facts (paths, versions, namespaces, policies): read them only from here. */
  release: Release;
  auth: AuthPlan;
  session: SessionPlan;
  exposure: ExposurePlan;
  profiles: PlannedProfile[];
  memberships: Membership[];
  access: PlannedAccess[];
  tenancy: TenancyPlan;
  /** `tenancy.groupNamespaces` resolved; undefined when not configured. */
  groupNamespaces?: GroupNamespacesPlan;
  /** The login-time function that makes group namespaces; only with a provider that has a login trigger. */
  profileManager?: ProfileManagerPlan;
}

export function makePlan(config: KfgenConfig): Plan {
  const session = planSession(config);
  const auth = planAuth(config, session);
  const groupNamespaces = planGroupNamespaces(config, auth.groupsClaim);
  const profileManager = planProfileManager(config);
  return {
    host: config.host,
    platform: planPlatform(config),
    release: release(config.manifests.version),
    auth,
    session,
    exposure: planExposure(config),
    profiles: planProfiles(config),
    memberships: planMemberships(config),
    access: planAccess(config),
    tenancy: planTenancy(config),
    ...(groupNamespaces ? { groupNamespaces } : {}),
    ...(profileManager ? { profileManager } : {}),
  };
}

export type {
  AcmePlan,
  AksPlan,
  EksNodeGroupPlan,
  EksPlan,
  AuthPlan,
  DexPlan,
  MachineTokensPlan,
  PlatformPlan,
  TenancyPlan,
  UserSecret,
  SessionPlan,
  ExposurePlan,
  GroupNamespacesPlan,
  Membership,
  PlannedAccess,
  PlannedProfile,
  ProfileManagerPlan,
};
