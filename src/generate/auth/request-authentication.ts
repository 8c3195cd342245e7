import { GROUPS_HEADER, USERID_HEADER } from '../../kubeflow/gateway.js';
import type { Context, Contribution } from '../core/model.js';
import { DEX_IN_CLUSTER_ISSUER } from '../../kubeflow/dex.js';
import { jsonPatch, type Operation } from '../core/json-patch.js';

/**
 * Points the gateway's `dex-jwt` RequestAuthentication at the same issuer oauth2-proxy uses.
 * JSON6902, because a strategic merge patch would replace the whole `jwtRules` list.
 */
export function requestAuthentication(ctx: Context): Contribution {
  const d = ctx.plan.auth;
  const ops: Operation[] = [];
  if (d.issuer !== DEX_IN_CLUSTER_ISSUER) ops.push({ op: 'replace', path: '/spec/jwtRules/0/issuer', value: d.issuer });
  if (d.audiences.length) ops.push({ op: 'add', path: '/spec/jwtRules/0/audiences', value: d.audiences });
  if (d.userClaim !== 'email') {
    ops.push({
      op: 'replace',
      path: '/spec/jwtRules/0/outputClaimToHeaders/0',
      value: { header: USERID_HEADER, claim: d.userClaim },
    });
  }
  if (d.groupsClaim !== 'groups') {
    ops.push({
      op: 'replace',
      path: '/spec/jwtRules/0/outputClaimToHeaders/1',
      value: { header: GROUPS_HEADER, claim: d.groupsClaim },
    });
  }
  if (!ops.length) return {};
  return {
    patches: [
      {
        file: 'patches/istio-system-dex-jwt.yaml',
        content: jsonPatch(ops),
        target: {
          group: 'security.istio.io',
          version: 'v1beta1',
          kind: 'RequestAuthentication',
          name: 'dex-jwt',
          namespace: 'istio-system',
        },
      },
    ],
  };
}
