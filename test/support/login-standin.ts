import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { dexBin, type K8sObject } from './tools.js';
import { gatewayConfigFrom, startGateway, type Gateway } from './login-gateway.js';
import { freePort, startProc, waitReady, type Proc } from './login-procs.js';
import { planOauth2Proxy, type Launch } from './login-platform.js';
import { gatewayObjects, rehost, type Change } from './login-launch.js';

/**
 * A direct-OIDC platform (Entra ID, Cognito) on loopback: oauth2-proxy started from the rendered
 * objects with declared changes only, the gateway stand-in from the rendered policies, and a Dex
 * whose whole configuration the TEST writes playing the identity provider at a loopback issuer
 * with the provider's path. Nothing of the stand-in Dex comes from kfgen's output.
 */
export interface StandInUser {
  email: string;
  /** bcrypt hash of the password */
  hash: string;
  password: string;
}

export interface StandInOptions {
  name: string;
  objects: K8sObject[];
  /** The rendered issuer origin, re-hosted to the stand-in (its path is kept). */
  issuerOrigin: string;
  issuerPath: string;
  /** The rendered public origin, re-hosted to the gateway stand-in. */
  publicOrigin: string;
  clientId: string;
  clientSecret: string;
  /** Dex config keys merged over the stand-in's (e.g. `expiry`, `connectors`). */
  dex?: Record<string, unknown>;
  users?: StandInUser[];
  /** Changes besides the loopback ones (the thing under test, time scaling). */
  extra?: (rendered: Record<string, unknown>) => Change[];
  root: string;
  /** Declared: the gateway stand-in forgets the mesh config's headersToDownstreamOnAllow (as upstream's mesh has none). */
  withoutDownstreamOnAllow?: boolean;
}

export interface StandIn {
  name: string;
  issuer: string;
  gateway: Gateway;
  proxy: Launch & { cfg: Record<string, unknown> };
  proxyUrl: string;
  procs: Proc[];
  problems: string[];
  stop(): Promise<void>;
}

export async function startStandIn(o: StandInOptions): Promise<StandIn> {
  const p = { dex: await freePort(), proxy: await freePort(), gateway: await freePort() };
  mkdirSync(o.root, { recursive: true });
  const idp = rehost(o.issuerOrigin, `http://127.0.0.1:${p.dex}`);
  const publicHost = rehost(o.publicOrigin, `http://127.0.0.1:${p.gateway}`);
  const base: Change[] = [
    { in: 'oauth2-proxy args', at: '0', to: `--http-address=127.0.0.1:${p.proxy}`, why: 'listen on loopback only' },
    {
      in: 'oauth2-proxy args',
      at: '1',
      to: `--config=${join(o.root, '/etc/oauth2_proxy/oauth2_proxy.cfg')}`,
      why: 'mounted file path',
    },
    { in: 'oauth2_proxy.cfg', at: 'oidc_issuer_url', to: idp, why: 'the Dex standing in for the provider' },
    { in: 'oauth2_proxy.cfg', at: 'redirect_url', to: publicHost, why: 'the gateway stand-in plays the public host' },
    {
      in: 'oauth2_proxy.cfg',
      at: 'custom_sign_in_logo',
      to: join(o.root, '/custom-theme/kubeflow-logo.svg'),
      why: 'mounted file path',
    },
    { in: 'RequestAuthentication dex-jwt', at: 'spec.jwtRules.0.issuer', to: idp, why: 'the Dex standing in' },
  ];
  // The rendered cfg, before any change, for changes computed from it (time scaling).
  const rendered = planOauth2Proxy(o.objects, [], join(o.root, 'unchanged')).cfg;
  const changes = [...base, ...(o.extra?.(rendered) ?? [])];
  const proxy = planOauth2Proxy(o.objects, changes, o.root);
  const g = gatewayObjects(o.objects, changes);
  const issuer = `http://127.0.0.1:${p.dex}${o.issuerPath}`;
  const users = o.users ?? [];
  const config = {
    issuer,
    storage: { type: 'memory' },
    web: { http: `127.0.0.1:${p.dex}` },
    oauth2: { skipApprovalScreen: true },
    enablePasswordDB: users.length > 0,
    staticPasswords: users.map((u, i) => ({
      email: u.email,
      hash: u.hash,
      username: u.email.split('@')[0],
      userID: `standin-${i}`,
    })),
    staticClients: [
      {
        id: o.clientId,
        secret: o.clientSecret,
        name: 'Kubeflow',
        redirectURIs: [`http://127.0.0.1:${p.gateway}/oauth2/callback`],
      },
    ],
    ...o.dex,
  };
  const dexFile = join(o.root, 'standin-dex.yaml');
  writeFileSync(dexFile, stringify(config));
  const dex = startProc(`dex (${o.name} stand-in)`, dexBin, ['serve', dexFile], {});
  const procs: Proc[] = [dex];
  const gatewayConfig = gatewayConfigFrom(g.objects);
  if (o.withoutDownstreamOnAllow)
    for (const provider of gatewayConfig.providers.values()) {
      if (!provider.headersToDownstreamOnAllow)
        g.problems.push('declared change had no effect: headersToDownstreamOnAllow');
      delete provider.headersToDownstreamOnAllow;
    }
  const gateway = await startGateway(
    gatewayConfig,
    { 'oauth2-proxy.oauth2-proxy.svc.cluster.local:80': `http://127.0.0.1:${p.proxy}` },
    p.gateway,
  );
  const stop = async () => {
    await Promise.all([...procs.map((x) => x.stop()), gateway.close()]);
  };
  try {
    await waitReady(dex, `${issuer}/.well-known/openid-configuration`);
    const op = startProc(`oauth2-proxy (${o.name})`, proxy.bin, proxy.args, proxy.env);
    procs.push(op);
    await waitReady(op, `http://127.0.0.1:${p.proxy}/ping`);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    name: o.name,
    issuer,
    gateway,
    proxy,
    proxyUrl: `http://127.0.0.1:${p.proxy}`,
    procs,
    problems: [...proxy.problems, ...g.problems],
    stop,
  };
}
