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
import tlsAcm from './tls-acm.js';
import tlsAlbModes from './tls-alb-modes.js';
import tlsAcme from './tls-acme.js';
import ingressAlbPlatform from './ingress-alb-platform.js';
import ingressHostDnsName from './ingress-host-dns-name.js';
import ingressScheme from './ingress-scheme.js';
import ingressClassName from './ingress-class-name.js';
import ingressAnnotations from './ingress-annotations.js';
import ingressEksSubnets from './ingress-eks-subnets.js';
import aksSection from './aks-section.js';
import aksLoadBalancer from './aks-load-balancer.js';
import aksStaticIp from './aks-static-ip.js';
import aksDnsLabel from './aks-dns-label.js';
import eksExistingVpc from './eks-existing-vpc.js';
import eksSubnetIds from './eks-subnet-ids.js';
import eksAvailabilityZones from './eks-availability-zones.js';
import eksPrivateNodesNat from './eks-private-nodes-nat.js';
import eksEndpointAccess from './eks-endpoint-access.js';
import eksAddonPolicies from './eks-addon-policies.js';
import eksAccessEntries from './eks-access-entries.js';
import cognitoIdTokenLifetime from './cognito-id-token-lifetime.js';
import dexIdTokenLifetime from './dex-id-token-lifetime.js';
import allowedGroupsCustomClaim from './allowed-groups-custom-claim.js';
import entraEmailClaim from './entra-email-claim.js';
import sessionRefreshIdToken from './session-refresh-id-token.js';

export const planChecks: readonly PlanCheck[] = [
  // tenancy and group namespaces
  tenancyUserIds,
  profileEntries,
  personalProfiles,
  programmaticAccess,
  groupNamespaceNaming,
  groupNamespaceOwner,
  groupNamespacesCognito,
  // tls, ingress and platform: combinations that would build but could not work
  tlsAcm,
  tlsAlbModes,
  tlsAcme,
  ingressAlbPlatform,
  ingressHostDnsName,
  ingressScheme,
  ingressClassName,
  ingressAnnotations,
  ingressEksSubnets,
  aksSection,
  aksLoadBalancer,
  aksStaticIp,
  aksDnsLabel,
  eksExistingVpc,
  eksSubnetIds,
  eksAvailabilityZones,
  eksPrivateNodesNat,
  eksEndpointAccess,
  eksAddonPolicies,
  eksAccessEntries,
  // the session and the providers' tokens
  cognitoIdTokenLifetime,
  dexIdTokenLifetime,
  allowedGroupsCustomClaim,
  entraEmailClaim,
  sessionRefreshIdToken,
];
