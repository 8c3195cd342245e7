import { suite } from './suite.js';
import * as assert from 'uvu/assert';
import { findGenerated, type K8sObject } from './tools.js';
import { renderFixture } from './fixtures.js';
import { startControlPlane, type ControlPlane, type ControlPlaneBinaries } from './control-plane.js';
import { cfgOf, secretData } from './objects.js';

/*
 * A release's fixtures' rendered platforms, applied to a real kube-apiserver of a Kubernetes version
 * that release targets + etcd (test/e2e/platform-apply.test.ts: v1.9.1 on v1.30.14;
 * test/e2e/platform-apply-releases.test.ts: v1.10.2 on v1.33, v1.11.0 and 26.03 on v1.34; see
 * test/support/control-plane.ts, docs/real-components.md) the way NEXT_STEPS tells a user to:
 * `kustomize build | kubectl apply --server-side --force-conflicts`, here also with
 * --validate=strict: apply → wait for the CRDs → apply, then once more.
 *
 * What this proves: the real API server accepts every object — built-in schemas, the CRDs'
 * structural schemas and CEL rules, strict field validation (no unknown or duplicate field),
 * admission (namespaces exist, a Pod's ServiceAccount exists) — stores what was rendered, and a
 * re-apply changes nothing.
 *
 * Simulated, or not running: no scheduler, kubelet or pods; no controller except
 * kube-controller-manager's ClusterRole aggregation; no Istio (its resources are stored and
 * schema-checked, nothing enforces them); no cert-manager (Certificates are stored, no Secret is
 * issued); no admission webhooks (LEFT_OUT), so PodDefaults are not injected. The profile
 * controller is simulated only by creating each Profile's namespace (with the Pod Security label
 * that release's profile controller sets, so the API server's Pod Security admission judges the
 * Pods kfgen adds there) and its ServiceAccounts default-editor and default-viewer (nothing else it
 * creates). Without kube-controller-manager (no v1.33 build of it) the tenancy RBAC checks are left
 * to the releases that have one.
 *
 * One API server serves all fixtures, in order; nothing is deleted in between (a namespace cannot
 * finish terminating without the namespace controller). The first fixture meets a fresh cluster.
 * A later one sends only the documents that differ from what the server holds from an earlier
 * fixture — byte-identical upstream documents get the same answer from the same server, and
 * sending all of them again costs minutes of CPU (kubectl parses a group's OpenAPI document per
 * object under --validate=strict). What a fresh cluster would refuse and a used one accepts — an
 * object in a namespace, or of a kind, that this fixture does not create — is checked on the render
 * itself ("self-contained"), and at the end every object of the fixture is read back from the server.
 */

/** Left out of every apply, with why. Everything else the render contains is applied. */
export const LEFT_OUT: ReadonlyArray<{ kind: string; why: string }> = [
  {
    kind: 'MutatingWebhookConfiguration',
    why: 'no pod serves its webhooks here; with failurePolicy Fail every matching request (Pods, Profiles, Istio resources…) would be refused',
  },
  { kind: 'ValidatingWebhookConfiguration', why: 'the same: no pod can answer the webhook' },
];

/** Namespaces every cluster has before anything is applied. */
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

const APPLY = [
  'apply',
  '--server-side',
  '--field-manager=kfgen-test',
  '--validate=strict',
  '--force-conflicts',
  '-f',
  '-',
];

type AnyObject = K8sObject & Record<string, any>;

const groupKind = (o: K8sObject) => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}/${o.kind}`;

/** An object's identity on the server: the server drops a namespace set on a cluster-scoped kind. */
function identity(namespaced: ReadonlyMap<string, boolean>, o: K8sObject): string {
  const ns = namespaced.get(groupKind(o)) === false ? '' : (o.metadata.namespace ?? '');
  return `${groupKind(o)} ${ns}/${o.metadata.name}`;
}

/** kustomize's output split into its documents, exactly as a user pipes it into kubectl. */
function documents(text: string): string[] {
  return text.split(/^---\n/m).filter((d) => d.trim());
}

interface Pass {
  code: number;
  stderr: string;
  warnings: string[];
  items: AnyObject[];
}

async function apply(cp: ControlPlane, input: string): Promise<Pass> {
  // -o json: what the server returned for each object, i.e. what it stored.
  const r = await cp.kubectl([...APPLY, '-o', 'json'], { input, allowFail: true });
  return {
    code: r.code,
    stderr: r.stderr,
    warnings: r.stderr.split('\n').filter((l) => l.startsWith('Warning: ')),
    items: listItems(r.stdout),
  };
}

function listItems(stdout: string): AnyObject[] {
  if (!stdout.trim()) return [];
  const out = JSON.parse(stdout) as AnyObject & { items?: AnyObject[] };
  return out.kind === 'List' ? (out.items ?? []) : [out];
}

/**
 * The errors a fresh cluster must give while NEXT_STEPS' apply loop converges, and nothing else:
 * custom resources whose CRD (in this render) is not established yet; objects in a Profile's
 * namespace, which the profile controller creates only once the Profile exists; a Pod whose
 * ServiceAccount comes later in the same stream (admission looks the ServiceAccount up).
 */
function unexplainedErrors(
  stderr: string,
  crdKinds: Set<string>,
  profileNamespaces: Set<string>,
  saAfterPod: Set<string>,
): string[] {
  const unexplained: string[] = [];
  let rest = stderr.replace(/^Warning: .*$/gm, '');
  rest = rest.replace(
    /Error from server \(Forbidden\): pods "[^"]+" is forbidden: error looking up service account ([^:\s]+): serviceaccount "[^"]+" not found/g,
    (line, sa: string) => {
      if (!saAfterPod.has(sa)) unexplained.push(line);
      return '';
    },
  );
  rest = rest.replace(
    /resource mapping not found for name: "[^"]*" namespace: "[^"]*" from "STDIN": no matches for kind "([^"]+)" in version "([^"]+)"\s*ensure CRDs are installed first/g,
    (line, kind: string, version: string) => {
      if (!crdKinds.has(`${version.split('/')[0]}/${kind}`)) unexplained.push(line);
      return '';
    },
  );
  rest = rest.replace(/Error from server \(NotFound\): namespaces "([^"]+)" not found/g, (line, ns: string) => {
    if (!profileNamespaces.has(ns)) unexplained.push(line);
    return '';
  });
  if (rest.replace(/[[\],\s]/g, '')) unexplained.push(rest.trim());
  return unexplained;
}

/** Quantities the server writes in canonical form ("1000m" → "1", 2 → "2"). */
function sameQuantity(a: unknown, b: unknown): boolean {
  const q = (v: unknown) => {
    const m = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(v));
    if (!m) return undefined;
    const f: Record<string, number> = {
      m: 1e-3,
      k: 1e3,
      M: 1e6,
      G: 1e9,
      T: 1e12,
      Ki: 2 ** 10,
      Mi: 2 ** 20,
      Gi: 2 ** 30,
      Ti: 2 ** 40,
    };
    return Number(m[1]) * (m[2] ? f[m[2]]! : 1);
  };
  const [x, y] = [q(a), q(b)];
  return x !== undefined && x === y;
}

/** Go's `omitempty`: the server does not write back "", 0, false or {}. */
const isEmpty = (v: unknown) =>
  v === '' ||
  v === 0 ||
  v === false ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.keys(v).length);

/**
 * Paths where the server's object lacks or changed what was rendered. Additions by the server
 * (defaults, status, uid…) are fine; so are nulls and empty values it omits.
 */
function notStored(rendered: unknown, stored: unknown, path = ''): string[] {
  if (rendered === null || rendered === undefined) return [];
  if (stored === undefined && isEmpty(rendered)) return [];
  if (Array.isArray(rendered)) {
    if (!Array.isArray(stored)) return rendered.length ? [`${path}: not a list on the server`] : [];
    if (stored.length !== rendered.length)
      return [`${path}: ${rendered.length} items rendered, ${stored.length} stored`];
    return rendered.flatMap((r, i) => notStored(r, stored[i], `${path}/${i}`));
  }
  if (typeof rendered === 'object') {
    if (typeof stored !== 'object' || stored === null) return [`${path}: missing on the server`];
    return Object.entries(rendered as Record<string, unknown>).flatMap(([k, v]) =>
      notStored(v, (stored as Record<string, unknown>)[k], `${path}/${k}`),
    );
  }
  if (rendered === stored || String(rendered) === String(stored) || sameQuantity(rendered, stored)) return [];
  return [`${path}: rendered ${JSON.stringify(rendered)}, stored ${JSON.stringify(stored)}`];
}

/**
 * A rendered object as the API server keeps it: Secret data compared decoded (kustomize may wrap
 * base64), stringData as data; the main resource ignores status; an aggregated ClusterRole's rules
 * belong to the aggregation controller; a namespace on a cluster-scoped kind is dropped.
 */
function comparableIn(namespaced: ReadonlyMap<string, boolean>, o: AnyObject): AnyObject {
  const { status, ...rest } = o; // eslint-disable-line @typescript-eslint/no-unused-vars
  const out: AnyObject = { ...rest, metadata: { ...o.metadata } };
  if (namespaced.get(groupKind(o)) === false) delete out.metadata.namespace;
  if (o.kind === 'ClusterRole' && o.aggregationRule) delete out.rules;
  if (o.kind === 'Secret') {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries((o.data ?? {}) as Record<string, string>))
      data[k] = Buffer.from(v, 'base64').toString('utf8');
    for (const [k, v] of Object.entries((o.stringData ?? {}) as Record<string, string>)) data[k] = v;
    delete out.stringData;
    out.data = data;
  }
  return out;
}

const resourceVersion = (o: K8sObject) => (o.metadata as Record<string, unknown>).resourceVersion as string;

/** Whether an object carries an empty list or map anywhere below its top level. */
function hasEmptyCollection(v: unknown, depth = 0): boolean {
  if (Array.isArray(v)) return (depth > 0 && !v.length) || v.some((x) => hasEmptyCollection(x, depth + 1));
  if (typeof v === 'object' && v !== null) {
    const values = Object.values(v);
    return (depth > 0 && !values.length) || values.some((x) => hasEmptyCollection(x, depth + 1));
  }
  return false;
}

export interface PlatformApplyRun {
  /** The suite's name. */
  name: string;
  /** The fixtures to apply, in order, to one API server. */
  fixtures: readonly string[];
  /** What must be there, else the suite skips (or fails under CI). */
  skip: string | undefined;
  binaries?: ControlPlaneBinaries;
  /** The gitVersion the API server must report. */
  serverVersion: string;
  /** Run the ClusterRole aggregation controller (needed for the tenancy checks). */
  aggregation: boolean;
  /** The label the profile controller of this release puts on a profile's namespace (Pod Security). */
  profileNamespaceLabels: Record<string, string>;
  /**
   * Warnings the API server gives for upstream's own objects of this release, each with where it
   * comes from: accepted; any other warning fails, so every warning about what kfgen adds does.
   */
  upstreamWarnings?: ReadonlyArray<{ warning: RegExp; why: string }>;
}

/**
 * The platform-apply suite for one API server: every fixture of `run.fixtures`, applied as
 * NEXT_STEPS says, stored as rendered, re-applied as a no-op (the header of this file says what is
 * simulated).
 */
export function platformApplySuite(run: PlatformApplyRun): void {
  const { skip, fixtures: FIXTURES } = run;
  let cp: ControlPlane;
  /** group/kind the API server serves before any CRD is applied. */
  let builtIn: Set<string>;
  /** What the server holds from this test's applies: identity → the document last applied. */
  const lastApplied = new Map<string, string>();
  /** group/kind → namespaced?, as the API server serves it (built-ins, then each CRD applied). */
  const namespaced = new Map<string, boolean>();
  const idOf = (o: K8sObject) => identity(namespaced, o);
  const comparable = (o: AnyObject) => comparableIn(namespaced, o);

  const test = suite(run.name);

  test.before(async () => {
    if (skip) return;
    // Renders run two at a time in the background while earlier fixtures are being applied.
    for (const name of FIXTURES) void renderFixture(name).catch(() => undefined);
    cp = await startControlPlane({ aggregation: run.aggregation, binaries: run.binaries });
    const { stdout } = await cp.kubectl(['api-resources', '--no-headers']);
    for (const line of stdout.trim().split('\n')) {
      // NAME [SHORTNAMES] APIVERSION NAMESPACED KIND
      const cols = line.trim().split(/\s+/);
      const i = cols.findIndex((c) => c === 'true' || c === 'false');
      namespaced.set(
        `${cols[i - 1]!.includes('/') ? cols[i - 1]!.split('/')[0] : ''}/${cols[i + 1]}`,
        cols[i] === 'true',
      );
    }
    builtIn = new Set(namespaced.keys());
  });

  test.after(async () => {
    await cp?.stop();
  });

  test(`the control plane serves ${run.serverVersion} and only built-in kinds before anything is applied`, async () => {
    if (skip) return;
    const version = JSON.parse((await cp.kubectl(['get', '--raw', '/version'])).stdout) as { gitVersion: string };
    // install-tools.sh builds v1.30.14 without version stamps ("v0.0.0-master…"); the release builds carry them.
    if (!version.gitVersion.startsWith('v0.0.0-')) assert.is(version.gitVersion, run.serverVersion);
    // ValidatingAdmissionPolicy is served at v1 from Kubernetes v1.30 on.
    const { stdout } = await cp.kubectl(['api-resources', '--api-group=admissionregistration.k8s.io', '--no-headers']);
    assert.match(
      stdout,
      /validatingadmissionpolicies\s+admissionregistration\.k8s\.io\/v1\s+false\s+ValidatingAdmissionPolicy/,
    );
    assert.ok(
      builtIn.has('/ConfigMap') &&
        builtIn.has('apps/Deployment') &&
        builtIn.has('rbac.authorization.k8s.io/ClusterRole'),
    );
    assert.not.ok([...builtIn].some((gk) => gk.startsWith('kubeflow.org/') || gk.startsWith('networking.istio.io/')));
  });

  for (const name of FIXTURES) {
    test(`${name}: the rendered platform applies to kube-apiserver, is stored as rendered, and re-applies as a no-op`, async () => {
      if (skip) return;
      const { text, objects } = await renderFixture(name);
      const docs = documents(text);
      assert.is(docs.length, objects.length, 'one document per object');
      const leftOutKinds = new Set(LEFT_OUT.map((l) => l.kind));
      const kept = objects
        .map((o, i) => ({ o: o as AnyObject, doc: docs[i]! }))
        .filter(({ o }) => !leftOutKinds.has(o.kind));
      assert.ok(kept.length > 400, `${kept.length} objects kept`);

      // Self-contained: what a fresh cluster would refuse cannot slip through on this shared one.
      const crds = kept.map(({ o }) => o).filter((o) => o.kind === 'CustomResourceDefinition');
      for (const c of crds) namespaced.set(`${c.spec.group}/${c.spec.names.kind}`, c.spec.scope === 'Namespaced');
      const crdKinds = new Set(crds.map((c) => `${c.spec.group}/${c.spec.names.kind}`));
      const namespaces = new Set(kept.filter(({ o }) => o.kind === 'Namespace').map(({ o }) => o.metadata.name));
      const profiles = kept
        .map(({ o }) => o)
        .filter((o) => o.kind === 'Profile' && o.apiVersion.startsWith('kubeflow.org/'));
      const profileNamespaces = new Set(profiles.map((p) => p.metadata.name));
      for (const { o } of kept) {
        assert.ok(
          builtIn.has(groupKind(o)) || crdKinds.has(groupKind(o)),
          `${idOf(o)}: no CRD for ${groupKind(o)} in this render`,
        );
        const ns = namespaced.get(groupKind(o)) ? o.metadata.namespace : undefined;
        if (ns)
          assert.ok(
            namespaces.has(ns) || profileNamespaces.has(ns) || SYSTEM_NAMESPACES.has(ns),
            `${idOf(o)}: namespace ${ns} is neither rendered nor a Profile's`,
          );
      }

      // What the server does not hold yet as rendered here. Pods always go: admission checks their
      // ServiceAccount in this context.
      const send = kept.filter(({ o, doc }) => o.kind === 'Pod' || lastApplied.get(idOf(o)) !== doc);
      const input = send.map(({ doc }) => doc).join('---\n');
      if (send.length) {
        // Pods whose ServiceAccount is rendered after them: admission refuses them until it exists.
        const position = new Map(send.map(({ o }, i) => [idOf(o), i]));
        const saAfterPod = new Set(
          send
            .filter(({ o }) => o.kind === 'Pod')
            .map(({ o }) => ({ pod: o, sa: `${o.metadata.namespace}/${o.spec.serviceAccountName ?? 'default'}` }))
            .filter(({ pod, sa }) => (position.get(`/ServiceAccount ${sa}`) ?? -1) > position.get(idOf(pod))!)
            .map(({ sa }) => sa),
        );
        // Until this fixture's applies succeed, the server's copy of these documents is unknown.
        for (const { o } of send) lastApplied.delete(idOf(o));
        // NEXT_STEPS' loop: apply until it succeeds, waiting for the CRDs in between. Every failed
        // attempt may only fail the way a fresh cluster must.
        const attempts: Pass[] = [];
        for (;;) {
          const pass = await apply(cp, input);
          attempts.push(pass);
          if (pass.code === 0) break;
          assert.equal(
            unexplainedErrors(pass.stderr, crdKinds, profileNamespaces, saAfterPod),
            [],
            `apply #${attempts.length}: only the errors a fresh cluster must give`,
          );
          assert.ok(attempts.length < 3, `apply did not converge in 3 attempts:\n${pass.stderr}`);
          await cp.kubectl(['wait', '--for', 'condition=established', 'crd', '--all', '--timeout=120s']);
          // The profile controller, simulated: each Profile's namespace, annotated with its owner, and
          // the ServiceAccounts it creates there (Pods of the render may run as default-editor).
          for (const p of profiles) {
            const name = p.metadata.name;
            const items = [
              {
                apiVersion: 'v1',
                kind: 'Namespace',
                metadata: { name, annotations: { owner: p.spec.owner.name }, labels: run.profileNamespaceLabels },
              },
              ...['default-editor', 'default-viewer'].map((sa) => ({
                apiVersion: 'v1',
                kind: 'ServiceAccount',
                metadata: { name: sa, namespace: name },
              })),
            ];
            await cp.kubectl(['apply', '--server-side', '--field-manager=simulated-profile-controller', '-f', '-'], {
              input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
            });
          }
        }
        // The apply that created objects is no baseline: a CRD's status is still being written.
        if (attempts.length === 1) {
          await cp.kubectl(['wait', '--for', 'condition=established', 'crd', '--all', '--timeout=120s']);
          attempts.push(await apply(cp, input));
          assert.is(attempts[1]!.code, 0, `second apply failed:\n${attempts[1]!.stderr}`);
        }
        const converged = attempts[attempts.length - 1]!;

        // Once more: no error, no warning, nothing changes.
        const again = await apply(cp, input);
        assert.is(again.code, 0, `apply after convergence failed:\n${again.stderr}`);
        assert.equal(
          [...attempts, again]
            .flatMap((a) => a.warnings)
            .filter((w) => !(run.upstreamWarnings ?? []).some((u) => u.warning.test(w))),
          [],
          'warnings from the API server',
        );
        assert.is(again.items.length, send.length, 'one object applied per document sent');
        // Re-applying writes nothing, except objects rendered with an empty list or map (`rules: []`,
        // `data: {}`): the server stores them without it, so each apply writes again
        // (kubernetes/kubernetes#131175, #121404). On aggregated ClusterRoles upstream's `rules: []`
        // also hands the rules back to the aggregation controller after each apply.
        const emptyCollections = new Set(send.filter(({ o }) => hasEmptyCollection(o)).map(({ o }) => idOf(o)));
        const before = new Map(converged.items.map((o) => [idOf(o), resourceVersion(o)]));
        const rewritten = again.items
          .filter((o) => before.get(idOf(o)) !== resourceVersion(o) && !emptyCollections.has(idOf(o)))
          .map(idOf);
        assert.equal(rewritten, [], 're-apply rewrote these objects');
        for (const { o, doc } of send) lastApplied.set(idOf(o), doc);
      }

      // Every object kept is on the server now (read back, not taken from apply's answers), as rendered.
      const onServer = listItems(
        (await cp.kubectl(['get', '-f', '-', '-o', 'json'], { input: kept.map(({ doc }) => doc).join('---\n') }))
          .stdout,
      );
      assert.is(onServer.length, kept.length, 'objects on the server = rendered − left out');
      const stored = new Map(onServer.map((o) => [idOf(o), o]));
      const problems = kept.flatMap(({ o }) => {
        const s = stored.get(idOf(o));
        return s
          ? notStored(comparable(o), comparable(s)).map((p) => `${idOf(o)} ${p}`)
          : [`${idOf(o)}: not on the server`];
      });
      assert.equal(problems, [], 'rendered fields missing or different on the server');

      assertOauth2Proxy(onServer);
      if (profiles.length && run.aggregation)
        await assertTenancy(
          onServer,
          kept.map(({ o }) => o),
        );
    });
  }

  /**
   * oauth2-proxy's configuration as the server holds it: the Deployment mounts the generated
   * ConfigMap and Secret by their hashed names, the Secret holds a usable cookie secret, and the
   * gateway's RequestAuthentication trusts the issuer oauth2-proxy logs users in with.
   */
  function assertOauth2Proxy(onServer: K8sObject[]) {
    const cm = findGenerated(onServer, 'ConfigMap', 'oauth2-proxy', 'oauth2-proxy') as AnyObject | undefined;
    const secret = findGenerated(onServer, 'Secret', 'oauth2-proxy', 'oauth2-proxy') as AnyObject | undefined;
    assert.ok(cm && secret, 'oauth2-proxy ConfigMap and Secret are on the server');
    const cfg = cfgOf(onServer);
    assert.match(cfg.oidc_issuer_url ?? '', /^https?:\/\//, 'oidc_issuer_url');

    const values = secretData(secret);
    assert.ok([16, 24, 32].includes(values['cookie-secret']?.length ?? 0), 'cookie-secret is 16, 24 or 32 bytes');
    assert.ok(values['client-id'] && values['client-secret'], 'client-id and client-secret are set');

    const deploy = onServer.find(
      (o) => o.kind === 'Deployment' && o.metadata.namespace === 'oauth2-proxy' && o.metadata.name === 'oauth2-proxy',
    ) as AnyObject;
    assert.ok(deploy, 'oauth2-proxy Deployment');
    const refs = JSON.stringify(deploy.spec.template.spec);
    assert.ok(refs.includes(`"${cm!.metadata.name}"`), `the Deployment mounts ${cm!.metadata.name}`);
    assert.ok(refs.includes(`"${secret!.metadata.name}"`), `the Deployment reads ${secret!.metadata.name}`);

    const ra = onServer.find(
      (o) =>
        o.kind === 'RequestAuthentication' && o.metadata.namespace === 'istio-system' && o.metadata.name === 'dex-jwt',
    ) as AnyObject;
    assert.ok(ra, 'RequestAuthentication istio-system/dex-jwt');
    const issuers = (ra.spec.jwtRules as Array<{ issuer: string; audiences?: string[] }>).map((r) => r.issuer);
    assert.ok(
      issuers.includes(cfg.oidc_issuer_url!),
      `gateway trusts ${cfg.oidc_issuer_url}; it trusts ${issuers.join(', ')}`,
    );
    const rule = (ra.spec.jwtRules as Array<{ issuer: string; audiences?: string[] }>).find(
      (r) => r.issuer === cfg.oidc_issuer_url,
    )!;
    if (rule.audiences)
      assert.ok(
        rule.audiences.includes(values['client-id']!),
        `audiences ${rule.audiences.join(', ')} include the client id`,
      );
  }

  /**
   * Tenancy, decided by the real RBAC authorizer: each contributor gets what their role grants in
   * the Profile's namespace, through the aggregated kubeflow-edit/-view ClusterRoles, and no more.
   */
  async function assertTenancy(onServer: K8sObject[], kept: AnyObject[]) {
    const profiles = onServer.filter((o) => o.kind === 'Profile') as AnyObject[];
    assert.equal(
      profiles.map((p) => p.metadata.name).sort(),
      kept
        .filter((o) => o.kind === 'Profile')
        .map((o) => o.metadata.name)
        .sort(),
    );
    // An earlier fixture's bindings in a namespace of the same name would answer for this one.
    const rendered = new Set(kept.map(idOf));
    for (const p of profiles) {
      const bindings = listItems(
        (await cp.kubectl(['get', 'rolebindings', '-n', p.metadata.name, '-o', 'json'])).stdout,
      );
      for (const rb of bindings.filter((b) => !rendered.has(idOf(b)))) {
        await cp.kubectl(['delete', 'rolebinding', '-n', p.metadata.name, rb.metadata.name]);
        lastApplied.delete(idOf(rb));
      }
    }
    const contributors = (onServer as AnyObject[]).filter(
      (o) => o.kind === 'RoleBinding' && o.metadata.annotations?.user && o.metadata.annotations?.role,
    );
    assert.ok(contributors.length > 0, 'contributor RoleBindings');
    const can = async (user: string, verb: string, resource: string, ns: string) =>
      (
        await cp.kubectl(['auth', 'can-i', verb, resource, '-n', ns, `--as=${user}`], { allowFail: true })
      ).stdout.trim() === 'yes';
    for (const rb of contributors) {
      const { user, role } = rb.metadata.annotations as { user: string; role: string };
      const ns = rb.metadata.namespace!;
      const where = `${user} (${role}) in ${ns}`;
      assert.ok(await can(user, 'list', 'notebooks.kubeflow.org', ns), `${where} can list notebooks`);
      assert.is(
        await can(user, 'create', 'notebooks.kubeflow.org', ns),
        role !== 'view',
        `${where} can${role === 'view' ? 'not' : ''} create notebooks`,
      );
      const elsewhere = profiles
        .map((p) => p.metadata.name)
        .find((p) => !contributors.some((c) => c.metadata.namespace === p && c.metadata.annotations?.user === user));
      if (elsewhere)
        assert.not.ok(
          await can(user, 'list', 'notebooks.kubeflow.org', elsewhere),
          `${user} has no access to ${elsewhere}`,
        );
    }
  }

  test.run();
}
