import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { find, type K8sObject } from './tools.js';
import { assertLoopback } from './login-http.js';

/**
 * A STAND-IN for the Istio ingress gateway, which cannot run here (no Envoy, no istiod). It is
 * not Istio: it interprets, from the rendered objects, only what the Kubeflow login path uses,
 * in the order Envoy applies it at the gateway:
 *  1. AuthorizationPolicy action CUSTOM → the mesh config's envoyExtAuthzHttp provider
 *     (oauth2-proxy): the check request carries includeRequestHeadersInCheck; on 200 the
 *     headersToUpstreamOnAllow are copied into the request and the headersToDownstreamOnAllow
 *     into the response the client gets (Envoy drops every other header of an allowed check,
 *     Set-Cookie included), otherwise the provider's answer is returned (headersToDownstreamOnDeny,
 *     plus Location and WWW-Authenticate as Istio adds them).
 *     Istio places this filter before JWT authentication (istio/istio#51173).
 *  2. RequestAuthentication → a bearer token is verified with node:crypto against its issuer's
 *     JWKS (found through the issuer's discovery document, loopback only); an invalid token is
 *     401; outputClaimToHeaders sets headers such as kubeflow-userid.
 *  3. AuthorizationPolicy DENY, then ALLOW.
 *  4. VirtualService prefix routes to the services the test runs; every other path goes to an
 *     echo upstream standing in for the Kubeflow web apps, which answers with the request it got.
 * Anything else in those objects that it does not implement is an error, never ignored.
 */

const GATEWAY_LABELS: Record<string, string> = {
  app: 'istio-ingressgateway',
  istio: 'ingressgateway',
};

interface Operation {
  paths?: string[];
  notPaths?: string[];
}
interface Rule {
  from?: Array<{
    source: { requestPrincipals?: string[]; notRequestPrincipals?: string[] };
  }>;
  to?: Array<{ operation: Operation }>;
  when?: Array<{ key: string; values?: string[]; notValues?: string[] }>;
}
interface Policy {
  name: string;
  action: 'ALLOW' | 'DENY' | 'CUSTOM';
  provider?: string;
  rules?: Rule[];
}
export interface JwtRule {
  issuer: string;
  audiences?: string[];
  jwksUri?: string;
  forwardOriginalToken?: boolean;
  outputClaimToHeaders?: Array<{ header: string; claim: string }>;
  fromHeaders?: Array<{ name: string; prefix?: string }>;
}
interface ExtAuthz {
  service: string;
  port: number;
  headersToUpstreamOnAllow: string[];
  includeRequestHeadersInCheck: string[];
  headersToDownstreamOnDeny: string[];
  headersToDownstreamOnAllow?: string[];
}

export interface GatewayConfig {
  policies: Policy[];
  jwtRules: JwtRule[];
  providers: Map<string, ExtAuthz>;
  /** URI prefix → "host:port" of the in-cluster destination */
  routes: Array<{ prefix: string; destination: string }>;
}

const selects = (spec: { selector?: { matchLabels?: Record<string, string> } }) =>
  Object.entries(spec.selector?.matchLabels ?? {}).every(([k, v]) => GATEWAY_LABELS[k] === v);

/** What applies to the ingress gateway, read from the rendered objects. */
export function gatewayConfigFrom(objects: K8sObject[]): GatewayConfig {
  const inRoot = (kind: string) =>
    objects.filter((o) => o.kind === kind && o.metadata.namespace === 'istio-system') as Array<
      K8sObject & { spec: Record<string, unknown> }
    >;
  const policies = inRoot('AuthorizationPolicy')
    .filter((o) => selects(o.spec))
    .map((o) => ({
      name: o.metadata.name,
      action: (o.spec.action ?? 'ALLOW') as Policy['action'],
      provider: (o.spec.provider as { name?: string })?.name,
      rules: o.spec.rules as Rule[] | undefined,
    }));
  const jwtRules = inRoot('RequestAuthentication')
    .filter((o) => selects(o.spec))
    .flatMap((o) => o.spec.jwtRules as JwtRule[]);
  const mesh = parse(
    (
      find(objects, 'ConfigMap', 'istio', 'istio-system') as unknown as {
        data: { mesh: string };
      }
    ).data.mesh,
  ) as {
    extensionProviders?: Array<{ name: string; envoyExtAuthzHttp?: ExtAuthz }>;
  };
  const providers = new Map(
    (mesh.extensionProviders ?? []).filter((p) => p.envoyExtAuthzHttp).map((p) => [p.name, p.envoyExtAuthzHttp!]),
  );
  const routes = (objects.filter((o) => o.kind === 'VirtualService') as Array<K8sObject & { spec: VirtualServiceSpec }>)
    .filter((o) => o.spec.gateways?.includes('kubeflow/kubeflow-gateway'))
    .flatMap((o) =>
      (o.spec.http ?? []).flatMap((h) =>
        (h.match ?? []).flatMap((m) =>
          m.uri?.prefix
            ? [
                {
                  prefix: m.uri.prefix,
                  destination: `${h.route[0]!.destination.host}:${h.route[0]!.destination.port?.number ?? 80}`,
                },
              ]
            : [],
        ),
      ),
    );
  return { policies, jwtRules, providers, routes };
}
interface VirtualServiceSpec {
  gateways?: string[];
  http?: Array<{
    match?: Array<{ uri?: { prefix?: string } }>;
    route: Array<{ destination: { host: string; port?: { number: number } } }>;
  }>;
}

/** Istio string match: exact, `prefix*`, `*suffix`, or `*`. `/dex/**` is a prefix match too. */
function matches(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.replace(/\*+$/, ''));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return value === pattern;
}

interface RequestFacts {
  path: string;
  headers: Record<string, string>;
  principal?: string;
}

function ruleMatches(rule: Rule, r: RequestFacts, policy: string): boolean {
  const known = new Set(['from', 'to', 'when']);
  for (const k of Object.keys(rule))
    if (!known.has(k))
      throw new Error(`gateway stand-in: AuthorizationPolicy ${policy}: rule field ${k} is not implemented`);
  const from =
    !rule.from ||
    rule.from.some(({ source }) => {
      for (const k of Object.keys(source))
        if (k !== 'requestPrincipals' && k !== 'notRequestPrincipals')
          throw new Error(`gateway stand-in: AuthorizationPolicy ${policy}: source.${k} is not implemented`);
      const p = r.principal;
      return (
        (!source.requestPrincipals || (p !== undefined && source.requestPrincipals.some((x) => matches(x, p)))) &&
        (!source.notRequestPrincipals || p === undefined || !source.notRequestPrincipals.some((x) => matches(x, p)))
      );
    });
  const to =
    !rule.to ||
    rule.to.some(({ operation }) => {
      for (const k of Object.keys(operation))
        if (k !== 'paths' && k !== 'notPaths')
          throw new Error(`gateway stand-in: AuthorizationPolicy ${policy}: operation.${k} is not implemented`);
      return (
        (!operation.paths || operation.paths.some((x) => matches(x, r.path))) &&
        (!operation.notPaths || !operation.notPaths.some((x) => matches(x, r.path)))
      );
    });
  const when = (rule.when ?? []).every((c) => {
    const m = /^request\.headers\[(.+)\]$/.exec(c.key);
    if (!m) throw new Error(`gateway stand-in: AuthorizationPolicy ${policy}: condition ${c.key} is not implemented`);
    const v = r.headers[m[1]!.toLowerCase()];
    return (
      (!c.values || (v !== undefined && c.values.some((x) => matches(x, v)))) &&
      (!c.notValues || v === undefined || !c.notValues.some((x) => matches(x, v)))
    );
  });
  return from && to && when;
}

const b64json = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;

export interface Gateway {
  url: string;
  /** One line per request: what the stand-in decided, for test failure messages. */
  log: string[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length', 'host']);

/**
 * Starts the stand-in on 127.0.0.1. `services` maps in-cluster "host:port" destinations to the
 * loopback URLs of the processes the test runs (read per request, so it may be filled in once
 * they are started); no other host is ever contacted.
 */
export async function startGateway(
  config: GatewayConfig,
  services: Record<string, string>,
  port = 0,
): Promise<Gateway> {
  const log: string[] = [];
  const jwksCache = new Map<string, Promise<JsonWebKey[]>>();

  const jwks = (rule: JwtRule): Promise<JsonWebKey[]> => {
    let p = jwksCache.get(rule.issuer);
    if (!p) {
      p = (async () => {
        // Istio resolves the JWKS itself; here only a loopback issuer can be asked.
        const uri =
          rule.jwksUri ??
          (
            (await (
              await fetch(
                `${assertLoopback(rule.issuer).toString().replace(/\/$/, '')}/.well-known/openid-configuration`,
              )
            ).json()) as { jwks_uri: string }
          ).jwks_uri;
        const body = (await (await fetch(assertLoopback(uri))).json()) as {
          keys: JsonWebKey[];
        };
        return body.keys;
      })();
      p.catch(() => jwksCache.delete(rule.issuer));
      jwksCache.set(rule.issuer, p);
    }
    return p;
  };

  /** Istio's jwt_authn: undefined when no token is present, otherwise the verified claims or the reason it failed. */
  const authenticate = async (
    headers: Record<string, string>,
  ): Promise<{ claims: Record<string, unknown>; rule: JwtRule } | { error: string } | undefined> => {
    let token: string | undefined;
    for (const rule of config.jwtRules) {
      for (const fh of rule.fromHeaders ?? [{ name: 'Authorization', prefix: 'Bearer ' }]) {
        const v = headers[fh.name.toLowerCase()];
        if (v !== undefined && v.startsWith(fh.prefix ?? '')) token ??= v.slice((fh.prefix ?? '').length);
      }
    }
    if (token === undefined) return undefined;
    const parts = token.split('.');
    if (parts.length !== 3) return { error: 'Jwt is not in the form of Header.Payload.Signature' };
    let header: Record<string, unknown>, claims: Record<string, unknown>;
    try {
      header = b64json(parts[0]!);
      claims = b64json(parts[1]!);
    } catch {
      return { error: 'Jwt is not valid JSON' };
    }
    const rule = config.jwtRules.find((r) => r.issuer === claims.iss);
    if (!rule) return { error: `Jwt issuer is not configured (${String(claims.iss)})` };
    if (header.alg !== 'RS256')
      return {
        error: `stand-in verifies RS256 only, got ${String(header.alg)}`,
      };
    let keys: JsonWebKey[];
    try {
      keys = await jwks(rule);
    } catch (e) {
      return { error: `Jwks remote fetch failed: ${(e as Error).message}` };
    }
    const candidates = keys.filter((k) => header.kid === undefined || k.kid === header.kid);
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2]!, 'base64url');
    if (!candidates.some((k) => verify('RSA-SHA256', signed, createPublicKey({ key: k, format: 'jwk' }), signature)))
      return { error: 'Jwt verification fails' };
    const now = Date.now() / 1000;
    if (typeof claims.exp === 'number' && claims.exp < now) return { error: 'Jwt is expired' };
    if (typeof claims.nbf === 'number' && claims.nbf > now + 60) return { error: 'Jwt not yet valid' };
    if (rule.audiences?.length) {
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!aud.some((a) => rule.audiences!.includes(String(a)))) return { error: 'Audiences in Jwt are not allowed' };
    }
    return { claims, rule };
  };

  const proxy = async (
    target: string,
    req: IncomingMessage,
    path: string,
    headers: Record<string, string>,
    body: Buffer,
    res: ServerResponse,
    downstream: Record<string, string | string[]> = {},
  ) => {
    const out = Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    const r = await fetch(new URL(path, target), {
      method: req.method,
      headers: out,
      body: body.length ? new Uint8Array(body) : undefined,
      redirect: 'manual',
    });
    const resHeaders: Record<string, string | string[]> = {};
    r.headers.forEach((v, k) => {
      if (!HOP_BY_HOP.has(k) && k !== 'set-cookie' && k !== 'content-encoding') resHeaders[k] = v;
    });
    const cookies = [...r.headers.getSetCookie(), ...[downstream['set-cookie'] ?? []].flat()];
    if (cookies.length) resHeaders['set-cookie'] = cookies;
    for (const [k, v] of Object.entries(downstream)) if (k !== 'set-cookie') resHeaders[k] = v;
    res.writeHead(r.status, resHeaders).end(Buffer.from(await r.arrayBuffer()));
    return r.status;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    let pathWithQuery = req.url ?? '/';
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const facts = (): RequestFacts => ({
      path: pathWithQuery.split('?')[0]!,
      headers,
    });
    const note = (s: string) => log.push(`${req.method} ${req.url}: ${s}`);
    /** Headers of an allowed ext_authz check that go back to the client (headersToDownstreamOnAllow). */
    const downstream: Record<string, string | string[]> = {};

    // 1. CUSTOM (ext_authz)
    for (const p of config.policies.filter((x) => x.action === 'CUSTOM')) {
      if (!(p.rules ?? []).some((r) => ruleMatches(r, facts(), p.name))) continue;
      const provider = config.providers.get(p.provider ?? '');
      if (!provider)
        throw new Error(
          `gateway stand-in: AuthorizationPolicy ${p.name}: no extension provider ${p.provider} in the mesh config`,
        );
      const target = services[`${provider.service}:${provider.port}`];
      if (target) assertLoopback(target);
      if (!target)
        throw new Error(
          `gateway stand-in: no loopback address for ext_authz service ${provider.service}:${provider.port}`,
        );
      const check: Record<string, string> = { host: headers.host ?? '' };
      for (const h of provider.includeRequestHeadersInCheck) if (headers[h] !== undefined) check[h] = headers[h]!;
      const r = await fetch(new URL(pathWithQuery, target), {
        method: req.method,
        headers: check,
        redirect: 'manual',
      });
      if (r.status !== 200) {
        const down: Record<string, string | string[]> = {};
        for (const h of [...provider.headersToDownstreamOnDeny, 'location', 'www-authenticate']) {
          if (h === 'set-cookie') {
            if (r.headers.getSetCookie().length) down[h] = r.headers.getSetCookie();
          } else if (r.headers.get(h) !== null) down[h] = r.headers.get(h)!;
        }
        note(`ext_authz ${p.provider} denied with ${r.status}`);
        res.writeHead(r.status, down).end(Buffer.from(await r.arrayBuffer()));
        return;
      }
      await r.arrayBuffer();
      for (const h of provider.headersToDownstreamOnAllow ?? []) {
        if (h === 'set-cookie') {
          if (r.headers.getSetCookie().length) downstream[h] = r.headers.getSetCookie();
        } else if (r.headers.get(h) !== null) downstream[h] = r.headers.get(h)!;
      }
      for (const h of provider.headersToUpstreamOnAllow) {
        const v = r.headers.get(h);
        if (v === null) continue;
        if (h === 'path') pathWithQuery = v;
        else headers[h] = v;
      }
      note(`ext_authz ${p.provider} allowed`);
    }

    // 2. RequestAuthentication
    const auth = await authenticate(headers);
    let principal: string | undefined;
    if (auth && 'error' in auth) {
      note(`jwt rejected: ${auth.error}`);
      res.writeHead(401, { 'content-type': 'text/plain' }).end(auth.error);
      return;
    }
    if (auth) {
      principal = `${String(auth.claims.iss)}/${String(auth.claims.sub)}`;
      for (const o of auth.rule.outputClaimToHeaders ?? []) {
        const v = auth.claims[o.claim];
        // Envoy sets the header only for a claim present as a string, number or boolean, replacing any client-sent value.
        delete headers[o.header];
        if (['string', 'number', 'boolean'].includes(typeof v)) headers[o.header] = String(v);
      }
      if (!auth.rule.forwardOriginalToken)
        for (const fh of auth.rule.fromHeaders ?? [{ name: 'Authorization' }]) delete headers[fh.name.toLowerCase()];
      note(`jwt verified: ${principal}`);
    }

    // 3. DENY, then ALLOW
    const withPrincipal = { ...facts(), principal };
    const deny = config.policies.find(
      (p) => p.action === 'DENY' && (p.rules ?? []).some((r) => ruleMatches(r, withPrincipal, p.name)),
    );
    const allows = config.policies.filter((p) => p.action === 'ALLOW');
    const allowed =
      !allows.length || allows.some((p) => (p.rules ?? []).some((r) => ruleMatches(r, withPrincipal, p.name)));
    if (deny || !allowed) {
      note(`RBAC: access denied (${deny ? `DENY ${deny.name}` : 'no ALLOW rule'})`);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('RBAC: access denied');
      return;
    }

    // 4. routes
    const route = config.routes
      .filter((r) => facts().path.startsWith(r.prefix))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0];
    if (route) {
      const target = services[route.destination];
      if (target) assertLoopback(target);
      if (!target)
        throw new Error(
          `gateway stand-in: no loopback address for ${route.destination} (VirtualService prefix ${route.prefix})`,
        );
      note(
        `routed to ${route.destination}: ${await proxy(target, req, pathWithQuery, headers, body, res, downstream)}`,
      );
      return;
    }
    note('echo upstream');
    res
      .writeHead(200, { ...downstream, 'content-type': 'application/json' })
      .end(JSON.stringify({ method: req.method, path: pathWithQuery, headers }));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      log.push(`${req.method} ${req.url}: stand-in error: ${e.message}`);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`gateway stand-in error: ${e.message}`);
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
