/**
 * The per-release real components run, and are the versions they say (test/support/release-tools.ts).
 *
 * What runs, for each supported Kubeflow release: its kube-apiserver on loopback against a
 * throwaway etcd (test/support/control-plane.ts with that release's binaries), asked `/version`;
 * with kube-controller-manager where the release has one built, which must aggregate the bootstrap
 * ClusterRole `admin` (the control plane waits for that); its kubectl, asked `version --client`
 * and used for one request; `dex version`; `oauth2-proxy --version`. Nothing is deployed: this
 * only proves that each binary starts and is the version its release's tests will name.
 *
 * SIMULATED: nothing. Where the module proxy lacks the version a release deploys, the stand-in
 * (oauth2-proxy v7.15.6 for v7.13.0 and v7.14.3) is what is checked, and the test names say so.
 * v1.9.1's binaries are install-tools.sh's, built without version stamps: those report
 * Kubernetes `v0.0.0-master`, `Dex Version: DEV` and `oauth2-proxy undefined`, so for them the
 * version comes from the binary's Go build information (`go version -m`) where it records one.
 */
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from '../support/suite.js';
import { startControlPlane, type ControlPlane } from '../support/control-plane.js';
import { KUBEFLOW_RELEASES, missingReleaseTools, releaseTools, type ReleaseNeed } from '../support/release-tools.js';

/** A binary's main-module version or the version of one of its dependencies, from its build info. */
function buildInfoVersion(bin: string, module: string): string | undefined {
  try {
    const out = execFileSync('go', ['version', '-m', bin], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const line = out
      .split('\n')
      .find((l) => new RegExp(`^\\s+(mod|dep)\\s+${module.replace(/\./g, '\\.')}\\s`).test(l));
    const version = line?.trim().split(/\s+/)[2];
    return version && version !== '(devel)' ? version : undefined;
  } catch {
    return undefined; // no Go on PATH
  }
}

function get(cp: ControlPlane, path: string): Promise<{ status: number; body: string }> {
  const ca = readFileSync(join(cp.dir, 'pki/apiserver.crt'), 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(`${cp.url}${path}`, { ca, headers: { authorization: `Bearer ${cp.token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const UNSTAMPED_K8S = 'v0.0.0-master+$Format:%H$';

for (const release of KUBEFLOW_RELEASES) {
  const t = releaseTools[release];
  const needs: ReleaseNeed[] = ['control-plane', 'dex', 'oauth2-proxy'];
  if (t.kubeControllerManager) needs.push('kube-controller-manager');
  const missing = missingReleaseTools(release, ...needs);
  const test = suite(`release tools: ${t.label}`);

  test(`kube-apiserver ${t.kubeApiserver.version} serves /version on loopback${t.kubeControllerManager ? ', kube-controller-manager aggregates ClusterRoles' : ''}`, async () => {
    if (missing) return;
    const cp = await startControlPlane({
      aggregation: t.kubeControllerManager !== undefined,
      binaries: {
        kubeApiserver: t.kubeApiserver.bin,
        kubeControllerManager: t.kubeControllerManager?.bin,
        kubectl: t.kubectl.bin,
      },
    });
    try {
      const r = await get(cp, '/version');
      assert.is(r.status, 200, r.body);
      const v = JSON.parse(r.body) as { gitVersion: string; major: string; minor: string };
      if (v.gitVersion === UNSTAMPED_K8S) {
        assert.is(release, 'v1.9.1', 'only install-tools.sh builds Kubernetes without version stamps');
        assert.is(
          buildInfoVersion(t.kubeApiserver.bin, 'k8s.io/kubernetes') ?? t.kubeApiserver.version,
          t.kubeApiserver.version,
        );
      } else {
        assert.is(v.gitVersion, t.kubeApiserver.version);
        assert.is(`v${v.major}.${v.minor}`, t.kubeApiserver.version.replace(/\.\d+$/, ''));
      }
      // kubectl works against it (for v1.10.2 that is v1.30.14's, standing in).
      const ns = await cp.kubectl(['get', 'namespace', 'kube-system', '-o', 'name']);
      assert.is(ns.stdout.trim(), 'namespace/kube-system');
    } finally {
      await cp.stop();
    }
  });

  test(`${t.kubectl.label} reports its version`, () => {
    if (missing) return;
    const out = execFileSync(t.kubectl.bin, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
    const v = (JSON.parse(out) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
    if (v === UNSTAMPED_K8S) {
      assert.ok(release === 'v1.9.1' || t.kubectl.version === 'v1.30.14', `unstamped kubectl for ${release}`);
    } else assert.is(v, t.kubectl.version);
  });

  test(`${t.dex.label}: dex version`, () => {
    if (missing) return;
    const out = execFileSync(t.dex.bin, ['version'], { encoding: 'utf8' });
    const v = /^Dex Version: (\S+)$/m.exec(out)?.[1];
    assert.ok(v, out);
    if (v === 'DEV') assert.is(release, 'v1.9.1', `unstamped Dex for ${release}:\n${out}`);
    else assert.is(v, t.dex.version);
  });

  test(`${t.oauth2Proxy.label}: oauth2-proxy --version`, () => {
    if (missing) return;
    const out = execFileSync(t.oauth2Proxy.bin, ['--version'], { encoding: 'utf8' });
    const v = /^oauth2-proxy (\S+) /m.exec(out)?.[1];
    assert.ok(v, out);
    if (v === 'undefined') {
      assert.is(release, 'v1.9.1', `unstamped oauth2-proxy for ${release}:\n${out}`);
      const built = buildInfoVersion(t.oauth2Proxy.bin, 'github.com/oauth2-proxy/oauth2-proxy/v7');
      assert.is(built ?? t.oauth2Proxy.version, t.oauth2Proxy.version);
    } else assert.is(v, t.oauth2Proxy.version);
  });

  test.run();
}
