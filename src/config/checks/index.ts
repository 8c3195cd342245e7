// The config checks: one per file, each needing only the config. Run in this order (the order of
// their problems); the checks that need the resolved plan are in src/plan/checks/.
import type { ConfigOnlyCheck } from './check.js';
import manifestsSource from './manifests-source.js';
import hostLength from './host-length.js';
import eksSection from './eks-section.js';
import eksNodeGroupSizes from './eks-node-group-sizes.js';
import eksNodeGroupNames from './eks-node-group-names.js';
import tlsSecretName from './tls-secret-name.js';
import authProviderSection from './auth-provider-section.js';
import dexSignIn from './dex-sign-in.js';
import dexClientSecret from './dex-client-secret.js';
import dexUniqueUsers from './dex-unique-users.js';
import dexUniqueConnectors from './dex-unique-connectors.js';
import dexConnectorConfig from './dex-connector-config.js';
import sessionRefreshBeforeExpire from './session-refresh-before-expire.js';
import groupsClaimAgrees from './groups-claim-agrees.js';
import secretNameGenerated from './secret-name-generated.js';
import lintRuleIds from './lint-rule-ids.js';
import oidcScopesOpenid from './oidc-scopes-openid.js';
import eksMachineTokens from './eks-machine-tokens.js';

export const configChecks: readonly ConfigOnlyCheck[] = [
  manifestsSource,
  hostLength,
  eksSection,
  eksNodeGroupSizes,
  eksNodeGroupNames,
  tlsSecretName,
  authProviderSection,
  dexSignIn,
  dexClientSecret,
  dexUniqueUsers,
  dexUniqueConnectors,
  dexConnectorConfig,
  sessionRefreshBeforeExpire,
  groupsClaimAgrees,
  secretNameGenerated,
  lintRuleIds,
  oidcScopesOpenid,
  eksMachineTokens,
];
