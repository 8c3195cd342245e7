// The authorization model against the examples of Istio's own documentation. No Istio runs here:
// each vector is a policy from the cited page and the decision the page states for a request.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import yaml from 'js-yaml';
import {
  authenticate,
  evaluate,
  istioMatch,
  policyFrom,
  requestAuthnFrom,
  type AuthzRequest,
  type Policy,
  type RequestAuthn,
  type Workload,
} from '../../src/lint/authz/index.js';

const REF = 'https://istio.io/latest/docs/reference/config/security/authorization-policy/';
const CONCEPT = 'https://istio.io/latest/docs/concepts/security/#authorization';
const CONDITIONS = 'https://istio.io/latest/docs/reference/config/security/conditions/';
const RA_REF = 'https://istio.io/latest/docs/reference/config/security/request_authentication/';

function policies(text: string): Policy[] {
  return (yaml.loadAll(text) as any[])
    .filter(Boolean)
    .map((object, i) => policyFrom({ object, file: 'doc.yaml', line: i + 1 })!);
}
function authns(text: string): RequestAuthn[] {
  return (yaml.loadAll(text) as any[])
    .filter(Boolean)
    .map((object, i) => requestAuthnFrom({ object, file: 'doc.yaml', line: i + 1 })!);
}
const httpbin: Workload = { namespace: 'foo', labels: { app: 'httpbin', version: 'v1' } };
const sleep = 'cluster.local/ns/default/sa/sleep';
const allowed = (ps: Policy[], r: AuthzRequest, w: Workload = httpbin) => evaluate(ps, w, r).allowed;

test(`string matching: exact, prefix, suffix, presence (${REF}#Rule)`, () => {
  assert.ok(istioMatch('abc', 'abc'));
  assert.not.ok(istioMatch('abc', 'abcd'));
  assert.ok(istioMatch('abc*', 'abc') && istioMatch('abc*', 'abcd'));
  assert.not.ok(istioMatch('abc*', 'xabc'));
  assert.ok(istioMatch('*abc', 'abc') && istioMatch('*abc', 'xabc'));
  assert.not.ok(istioMatch('*abc', 'abcd'));
  assert.ok(istioMatch('*', 'anything'));
  assert.not.ok(istioMatch('*', ''), 'presence: "*" matches only a non-empty value');
  assert.not.ok(istioMatch('*', undefined));
});

// The first example of the reference: principal sleep or namespace test; GET /info* or POST /data; JWT from accounts.google.com.
const httpbinAllow = policies(`
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: httpbin, namespace: foo}
spec:
  action: ALLOW
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/default/sa/sleep"]
    - source:
        namespaces: ["test"]
    to:
    - operation:
        methods: ["GET"]
        paths: ["/info*"]
    - operation:
        methods: ["POST"]
        paths: ["/data"]
    when:
    - key: request.auth.claims[iss]
      values: ["https://accounts.google.com"]
`);
const google = { iss: 'https://accounts.google.com' };

test(`ALLOW example: sources OR, operations OR, fields AND, when condition (${REF})`, () => {
  assert.ok(allowed(httpbinAllow, { principal: sleep, method: 'GET', path: '/info/x', claims: google }));
  assert.ok(
    allowed(httpbinAllow, { principal: 'cluster.local/ns/test/sa/any', method: 'POST', path: '/data', claims: google }),
    'namespace test',
  );
  assert.ok(
    allowed(httpbinAllow, { principal: sleep, method: 'GET', path: '/info?x=1', claims: google }),
    'query string is not part of the path',
  );
  assert.not.ok(
    allowed(httpbinAllow, { principal: sleep, method: 'POST', path: '/info', claims: google }),
    'POST only on /data',
  );
  assert.not.ok(
    allowed(httpbinAllow, { principal: sleep, method: 'GET', path: '/data', claims: google }),
    'GET only on /info*',
  );
  assert.not.ok(
    allowed(httpbinAllow, { principal: 'cluster.local/ns/prod/sa/x', method: 'GET', path: '/info', claims: google }),
    'other source',
  );
  assert.not.ok(
    allowed(httpbinAllow, { principal: sleep, method: 'GET', path: '/info' }),
    '"Any other requests will be denied": no JWT',
  );
  assert.not.ok(
    allowed(httpbinAllow, { principal: sleep, method: 'GET', path: '/info', claims: { iss: 'https://evil.example' } }),
  );
  const d = evaluate(httpbinAllow, httpbin, { principal: sleep, method: 'GET', path: '/x', claims: google });
  assert.is(d.reason, 'no-allow-match');
  assert.is(d.status, 403);
});

test(`DENY example: POST from namespace dev denied, everything else allowed (no ALLOW policy) (${REF})`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: httpbin, namespace: foo}
spec:
  action: DENY
  rules:
  - from:
    - source:
        namespaces: ["dev"]
    to:
    - operation:
        methods: ["POST"]
`);
  const d = evaluate(ps, httpbin, { principal: 'cluster.local/ns/dev/sa/a', method: 'POST', path: '/' });
  assert.equal([d.allowed, d.reason], [false, 'deny-policy']);
  assert.is(
    evaluate(ps, httpbin, { principal: 'cluster.local/ns/dev/sa/a', method: 'GET', path: '/' }).reason,
    'no-allow-policy',
  );
  assert.ok(allowed(ps, { principal: 'cluster.local/ns/prod/sa/a', method: 'POST', path: '/' }));
});

test(`DENY example with ports: POST on port 8080 denied, other ports allowed (${REF})`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: httpbin, namespace: foo}
spec:
  action: DENY
  rules:
  - to:
    - operation:
        methods: ["POST"]
        ports: ["8080"]
`);
  assert.not.ok(allowed(ps, { method: 'POST', port: 8080, path: '/' }));
  assert.ok(allowed(ps, { method: 'POST', port: 9090, path: '/' }));
  assert.ok(allowed(ps, { method: 'GET', port: 8080, path: '/' }));
});

test(`DENY wins over ALLOW (${CONCEPT}; evaluation order in ${REF})`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: allow-all, namespace: foo}
spec:
  rules:
  - {}
---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: deny-method-get, namespace: foo}
spec:
  selector:
    matchLabels:
      app: httpbin
  action: DENY
  rules:
  - to:
    - operation:
        methods: ["GET"]
`);
  assert.not.ok(allowed(ps, { method: 'GET', path: '/ip' }));
  assert.ok(allowed(ps, { method: 'POST', path: '/ip' }));
});

test(`AUDIT policies never change the decision (${REF})`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {namespace: ns1, name: anyname}
spec:
  selector:
    matchLabels:
      app: myapi
  action: AUDIT
  rules:
  - to:
    - operation:
        methods: ["GET"]
        paths: ["/user/profile/*"]
`);
  const d = evaluate(ps, { namespace: 'ns1', labels: { app: 'myapi' } }, { method: 'GET', path: '/user/profile/me' });
  assert.equal([d.allowed, d.reason, d.audited], [true, 'no-allow-policy', true]);
});

test(`CUSTOM runs first and can only deny (${REF}#AuthorizationPolicy-Action)`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: ext-authz, namespace: istio-system}
spec:
  selector:
    matchLabels:
      app: istio-ingressgateway
  action: CUSTOM
  provider:
    name: "my-custom-authz"
  rules:
  - to:
    - operation:
        paths: ["/admin/*"]
`);
  const gw: Workload = { namespace: 'istio-system', labels: { app: 'istio-ingressgateway' } };
  const deny = { custom: () => false };
  assert.is(evaluate(ps, gw, { path: '/admin/x' }, deny).reason, 'custom-deny');
  assert.ok(evaluate(ps, gw, { path: '/public' }, deny).allowed, 'the provider is asked only when the rule matches');
  assert.ok(evaluate(ps, gw, { path: '/admin/x' }).allowed, 'an allowing provider leaves the decision to DENY/ALLOW');
});

test(`allow-nothing: spec {} denies every request in the namespace (${REF})`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: allow-nothing, namespace: foo}
spec:
  {}
`);
  assert.equal(evaluate(ps, httpbin, { principal: sleep, path: '/' }).reason, 'no-allow-match');
  assert.ok(
    allowed(ps, { path: '/' }, { namespace: 'bar', labels: { app: 'httpbin' } }),
    'another namespace is not affected',
  );
});

test(`allow-all: rules [{}] allows every request (${REF})`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: allow-all, namespace: foo}
spec:
  rules:
  - {}
`);
  assert.is(evaluate(ps, httpbin, { path: '/anything', method: 'DELETE' }).reason, 'allow-policy');
});

test(`selector: allow-nothing for app httpbin in bar applies only to that workload (${REF})`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: allow-nothing, namespace: bar}
spec:
  selector:
    matchLabels:
      app: httpbin
`);
  assert.not.ok(allowed(ps, { path: '/' }, { namespace: 'bar', labels: { app: 'httpbin' } }));
  assert.ok(allowed(ps, { path: '/' }, { namespace: 'bar', labels: { app: 'other' } }));
  assert.ok(
    allowed(ps, { path: '/' }, { namespace: 'foo', labels: { app: 'httpbin' } }),
    'a selector matches only its own namespace',
  );
});

test(`root namespace: a selector in istio-system applies to matching workloads in all namespaces (${REF})`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: allow-nothing, namespace: istio-system}
spec:
  selector:
    matchLabels:
      version: v1
`);
  assert.not.ok(allowed(ps, { path: '/' }, { namespace: 'foo', labels: { version: 'v1' } }));
  assert.not.ok(allowed(ps, { path: '/' }, { namespace: 'bar', labels: { version: 'v1' } }));
  assert.ok(allowed(ps, { path: '/' }, { namespace: 'foo', labels: { version: 'v2' } }));
});

test(`source fields are ANDed; not-fields negate (${REF}#Source)`, () => {
  // "matches if the principal is admin or dev and the namespace is prod or test and the ip is not 203.0.113.4"
  const [p] = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: src, namespace: foo}
spec:
  rules:
  - from:
    - source:
        principals: ["admin", "dev"]
        namespaces: ["prod", "test"]
        notIpBlocks: ["203.0.113.4"]
`);
  const ps = [p!];
  assert.ok(allowed(ps, { principal: 'admin', namespace: 'prod', sourceIp: '10.0.0.1' }));
  assert.not.ok(allowed(ps, { principal: 'admin', namespace: 'prod', sourceIp: '203.0.113.4' }));
  assert.not.ok(allowed(ps, { principal: 'admin', namespace: 'stage', sourceIp: '10.0.0.1' }));
  assert.not.ok(allowed(ps, { principal: 'ops', namespace: 'prod', sourceIp: '10.0.0.1' }));
  const [q] = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: not, namespace: foo}
spec:
  rules:
  - from:
    - source:
        notPrincipals: ["cluster.local/ns/foo/*"]
        notNamespaces: ["dev"]
`);
  assert.ok(allowed([q!], { principal: 'cluster.local/ns/bar/sa/x' }));
  assert.not.ok(allowed([q!], { principal: 'cluster.local/ns/foo/sa/x' }));
  assert.not.ok(allowed([q!], { principal: 'cluster.local/ns/dev/sa/x' }));
});

test(`operation: hosts are case-insensitive, notPaths excludes (${REF}#Operation)`, () => {
  // "matches if the host has suffix .example.com and the method is GET or HEAD and the path doesn't have prefix /admin"
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: op, namespace: foo}
spec:
  rules:
  - to:
    - operation:
        hosts: ["*.example.com"]
        methods: ["GET", "HEAD"]
        notPaths: ["/admin*"]
`);
  assert.ok(allowed(ps, { host: 'www.Example.COM', method: 'HEAD', path: '/index' }));
  assert.not.ok(allowed(ps, { host: 'www.example.com', method: 'GET', path: '/admin/users' }));
  assert.not.ok(allowed(ps, { host: 'www.example.org', method: 'GET', path: '/' }));
  assert.not.ok(allowed(ps, { host: 'www.example.com', method: 'POST', path: '/' }));
});

test(`when: request.headers values/notValues, source.namespace, source.principal, claims (${CONDITIONS})`, () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: when, namespace: foo}
spec:
  rules:
  - when:
    - key: request.headers[User-Agent]
      values: ["Mozilla/*"]
    - key: request.headers[x-debug]
      notValues: ["*"]
  - when:
    - key: source.namespace
      values: ["default"]
    - key: source.principal
      values: ["cluster.local/ns/default/sa/productpage"]
  - when:
    - key: request.auth.claims[groups]
      values: ["group1"]
  - when:
    - key: request.auth.claims[nested][key1]
      values: ["val2"]
`);
  assert.ok(allowed(ps, { headers: { 'user-agent': 'Mozilla/5.0' } }), 'header names are case-insensitive');
  assert.not.ok(
    allowed(ps, { headers: { 'user-agent': 'Mozilla/5.0', 'X-Debug': '1' } }),
    'notValues ["*"]: header must be absent',
  );
  assert.not.ok(allowed(ps, { headers: { 'user-agent': 'curl/8' } }));
  assert.ok(allowed(ps, { principal: 'cluster.local/ns/default/sa/productpage' }));
  assert.not.ok(allowed(ps, { principal: 'cluster.local/ns/default/sa/reviews' }));
  assert.ok(allowed(ps, { claims: { groups: ['group0', 'group1'] } }), 'a list claim matches when one element does');
  assert.ok(allowed(ps, { claims: { nested: { key1: 'val2' } } }), 'nested claims');
  assert.not.ok(allowed(ps, { claims: { nested: { key1: 'val1' } } }));
});

test(`requestPrincipals: "deny requests without a JWT" (${CONCEPT}; ${RA_REF})`, () => {
  // The RequestAuthentication reference pairs its first example with an ALLOW of requestPrincipals ["*"].
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: httpbin, namespace: foo}
spec:
  selector:
    matchLabels:
      app: httpbin
  rules:
  - from:
    - source:
        requestPrincipals: ["*"]
---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: deny-others, namespace: foo}
spec:
  action: DENY
  rules:
  - from:
    - source:
        notRequestPrincipals: ["issuer-foo/*"]
    to:
    - operation:
        notPaths: ["/healthz"]
`);
  assert.ok(allowed(ps, { requestPrincipal: 'issuer-foo/alice', path: '/' }));
  assert.not.ok(allowed(ps, { path: '/' }), 'no token: no request principal');
  assert.not.ok(allowed(ps, { requestPrincipal: 'issuer-bar/alice', path: '/' }), 'DENY for other issuers');
  assert.is(
    evaluate(ps, httpbin, { path: '/healthz' }).reason,
    'no-allow-match',
    '/healthz escapes the DENY, still needs the ALLOW',
  );
});

const raDoc = authns(`
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: httpbin, namespace: foo}
spec:
  selector:
    matchLabels:
      app: httpbin
  jwtRules:
  - issuer: "issuer-foo"
    jwksUri: https://example.com/.well-known/jwks.json
  - issuer: "issuer-bar"
    audiences: ["bar.example.com"]
    fromHeaders:
    - name: x-jwt-assertion
      prefix: ""
    outputClaimToHeaders:
    - header: x-user
      claim: email
`);

test(`RequestAuthentication: no token passes without identity; a valid token yields iss/sub (${RA_REF})`, () => {
  const none = authenticate(raDoc, httpbin);
  assert.equal(none, { status: 'ok', headers: {} });
  const ok = authenticate(raDoc, httpbin, { iss: 'issuer-foo', sub: 'alice' });
  assert.is(ok.status, 'ok');
  assert.is(ok.status === 'ok' && ok.requestPrincipal, 'issuer-foo/alice');
});

test(`RequestAuthentication: invalid token, unknown issuer, wrong audience → 401 (${RA_REF})`, () => {
  assert.equal(authenticate(raDoc, httpbin, { iss: 'issuer-foo', sub: 'alice', valid: false }).status, 401);
  assert.equal(
    (authenticate(raDoc, httpbin, { iss: 'issuer-baz', sub: 'alice' }) as { reason: string }).reason,
    'issuer-not-configured',
  );
  const at = { header: 'x-jwt-assertion', prefix: '' };
  assert.equal(
    (authenticate(raDoc, httpbin, { iss: 'issuer-bar', sub: 'bob', aud: 'other' }, at) as { reason: string }).reason,
    'audience-mismatch',
  );
  const bar = authenticate(
    raDoc,
    httpbin,
    { iss: 'issuer-bar', sub: 'bob', aud: ['bar.example.com'], claims: { email: 'bob@example.com' } },
    at,
  );
  assert.equal(bar.status === 'ok' && [bar.requestPrincipal, bar.headers], [
    'issuer-bar/bob',
    { 'x-user': 'bob@example.com' },
  ]);
  // issuer-bar is read only from x-jwt-assertion: in Authorization only issuer-foo's rule looks
  assert.equal(
    (authenticate(raDoc, httpbin, { iss: 'issuer-bar', sub: 'bob', aud: 'bar.example.com' }) as { reason: string })
      .reason,
    'issuer-not-configured',
  );
  // a workload no RequestAuthentication selects never validates the token
  assert.equal(
    authenticate(raDoc, { namespace: 'foo', labels: { app: 'other' } }, { iss: 'issuer-baz', sub: 'x', valid: false }),
    {
      status: 'ok',
      headers: {},
    },
  );
});

test(`RequestAuthentication in the root namespace applies mesh-wide (${RA_REF})`, () => {
  const ras = authns(`
apiVersion: security.istio.io/v1beta1
kind: RequestAuthentication
metadata: {name: req-authn-for-all, namespace: istio-system}
spec:
  jwtRules:
  - issuer: "issuer-foo"
    jwksUri: https://example.com/.well-known/jwks.json
`);
  assert.is(authenticate(ras, { namespace: 'any', labels: {} }, { iss: 'issuer-x', sub: 's' }).status, 401);
  const ok = authenticate(ras, { namespace: 'any', labels: {} }, { iss: 'issuer-foo', sub: 's' });
  assert.is(ok.status === 'ok' && ok.requestPrincipal, 'issuer-foo/s');
});

test('Kubeflow v1.9.1 ml-pipeline-ui: the gateway passes with kubeflow-userid; another principal only without it (upstream istio-authorization-config.yaml)', () => {
  const ps = policies(`
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata: {name: ml-pipeline-ui, namespace: kubeflow}
spec:
  selector:
    matchLabels:
      app: ml-pipeline-ui
  rules:
  - from:
    - source:
        principals:
        - cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account
  - when:
    - key: request.headers[authorization]
      values: ["*"]
    - key: request.headers[kubeflow-userid]
      notValues: ["*"]
`);
  const ui: Workload = { namespace: 'kubeflow', labels: { app: 'ml-pipeline-ui' } };
  const gw = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';
  const pod = 'cluster.local/ns/kubeflow-alice/sa/default-editor';
  assert.ok(evaluate(ps, ui, { principal: gw, headers: { 'kubeflow-userid': 'alice@example.com' } }).allowed);
  assert.ok(evaluate(ps, ui, { principal: pod, headers: { authorization: 'Bearer t' } }).allowed);
  assert.not.ok(
    evaluate(ps, ui, { principal: pod, headers: { authorization: 'Bearer t', 'kubeflow-userid': 'admin@example.com' } })
      .allowed,
  );
});

test.run();
