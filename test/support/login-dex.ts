/**
 * What the login-flow tests share about fixtures/dex-static-user and the release fixtures built
 * from it: the rendered Dex and public origins and the changes made to the rendered configuration
 * when Dex, oauth2-proxy and the gateway stand-in run on loopback.
 */
import { join } from 'node:path';
import { rehost, type Change } from './login-launch.js';
import type { Ports } from './login-entra.js';

export const RENDERED_DEX_ORIGIN = 'http://dex.auth.svc.cluster.local:5556';
export const RENDERED_PUBLIC_ORIGIN = 'http://kubeflow.lab.internal';

/**
 * Every change made to dex-static-user's rendered configuration. Besides these, each mounted
 * ConfigMap file is written at its container path below the test's directory ("… mounts").
 * URLs are re-hosted (origin replaced, path kept), so a wrong path in the rendered objects still fails.
 */
export function dexStaticUserChanges(p: Ports, root: string, dexBinary: { bin: string; label?: string }): Change[] {
  const dex = rehost(RENDERED_DEX_ORIGIN, `http://127.0.0.1:${p.dex}`);
  const publicHost = rehost(RENDERED_PUBLIC_ORIGIN, `http://127.0.0.1:${p.gateway}`);
  const loopback = 'loopback address instead of the in-cluster Service';
  return [
    { in: 'dex config.yaml', at: 'issuer', to: dex, why: loopback },
    { in: 'dex config.yaml', at: 'web.http', to: `127.0.0.1:${p.dex}`, why: 'listen on loopback only' },
    { in: 'dex config.yaml', at: 'storage', to: { type: 'memory' }, why: 'no Kubernetes API for its CRD storage' },
    {
      in: 'dex config.yaml',
      at: 'staticClients.0.redirectURIs.0',
      to: publicHost,
      why: 'the gateway stand-in plays the public host',
    },
    {
      in: 'dex command',
      at: '0',
      to: dexBinary.bin,
      why: dexBinary.label ? `the image's dex binary: ${dexBinary.label}` : "the image's dex binary",
    },
    { in: 'dex command', at: '2', to: join(root, '/etc/dex/cfg/config.yaml'), why: 'mounted file path' },
    { in: 'oauth2-proxy args', at: '0', to: `--http-address=127.0.0.1:${p.proxy}`, why: 'listen on loopback only' },
    {
      in: 'oauth2-proxy args',
      at: '1',
      to: `--config=${join(root, '/etc/oauth2_proxy/oauth2_proxy.cfg')}`,
      why: 'mounted file path',
    },
    { in: 'oauth2_proxy.cfg', at: 'oidc_issuer_url', to: dex, why: loopback },
    { in: 'oauth2_proxy.cfg', at: 'redeem_url', to: dex, why: loopback },
    { in: 'oauth2_proxy.cfg', at: 'oidc_jwks_url', to: dex, why: loopback },
    { in: 'oauth2_proxy.cfg', at: 'redirect_url', to: publicHost, why: 'the gateway stand-in plays the public host' },
    {
      in: 'oauth2_proxy.cfg',
      at: 'custom_sign_in_logo',
      to: join(root, '/custom-theme/kubeflow-logo.svg'),
      why: 'mounted file path',
    },
    { in: 'RequestAuthentication dex-jwt', at: 'spec.jwtRules.0.issuer', to: dex, why: loopback },
  ];
}
