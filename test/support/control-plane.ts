import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { etcdBin, kubeApiserverBin, kubeControllerManagerBin, kubectlBin } from './tools.js';

/**
 * A real Kubernetes control plane on loopback for tests: etcd and kube-apiserver (and, on request,
 * kube-controller-manager running only the ClusterRole aggregation controller). There is no
 * scheduler, no kubelet, no other controller: objects are stored and validated, nothing runs.
 */
export interface ControlPlane {
  /** https://127.0.0.1:<port> */
  url: string;
  /** Bearer token of `kfgen-admin` in `system:masters`. */
  token: string;
  /** A kubeconfig for the pinned kubectl: the admin, verifying the apiserver's certificate. */
  kubeconfig: string;
  /** Temporary directory with certificates, keys, etcd data and the components' logs. */
  dir: string;
  /** Runs the pinned kubectl against this control plane; throws on a non-zero exit unless allowFail. */
  kubectl(
    args: string[],
    opts?: { input?: string; allowFail?: boolean; env?: NodeJS.ProcessEnv },
  ): Promise<{ stdout: string; stderr: string; code: number }>;
  stop(): Promise<void>;
}

/** What the apiserver serves as the ServiceAccount token issuer (the in-cluster default). */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
const READY_TIMEOUT_MS = 120_000;

interface Running {
  name: string;
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

const live = new Set<{ kill: () => void }>();
let hooksInstalled = false;

/** No leftovers, however the test process ends (a SIGKILL is covered by the watchdog below). */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const p of live) p.kill();
  });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      for (const p of live) p.kill();
      process.exit(code);
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function start(name: string, bin: string, args: string[], dir: string): Running {
  const log = join(dir, `${name}.log`);
  const fd = openSync(log, 'a');
  // Own process group: a Ctrl-C in the terminal reaches the test process, which stops these itself.
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(-1));
  });
  return { name, child, log, exited };
}

/** Resolves when `check` does; rejects when a component exits or the time is up, with its log. */
async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  watched: Running[],
  timeoutMs = READY_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const r of watched) {
      if (r.child.exitCode !== null || r.child.signalCode !== null) {
        throw new Error(
          `${r.name} exited (${r.child.exitCode ?? r.child.signalCode}) while waiting for ${what}; last lines of ${r.log}:\n${tail(r.log)}`,
        );
      }
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000}s waiting for ${what}; ${watched.map((r) => `last lines of ${r.log}:\n${tail(r.log)}`).join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function httpsGet(url: string, ca: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: { authorization: `Bearer ${token}` }, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

function runKubectl(
  kubectl: string,
  kubeconfig: string,
  cacheDir: string,
  args: string[],
  opts: { input?: string; allowFail?: boolean; env?: NodeJS.ProcessEnv } = {},
) {
  return new Promise<{ stdout: string; stderr: string; code: number }>((resolve, reject) => {
    const child = spawn(kubectl, [`--kubeconfig=${kubeconfig}`, `--cache-dir=${cacheDir}`, ...args], {
      env: { ...process.env, ...opts.env, KUBECONFIG: kubeconfig },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = {
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? -1,
      };
      if (result.code !== 0 && !opts.allowFail) {
        reject(
          new Error(
            `kubectl ${args.join(' ')} exited ${result.code}:\n${result.stderr.trimEnd().split('\n').slice(-40).join('\n')}`,
          ),
        );
      } else resolve(result);
    });
    child.stdin.on('error', () => undefined); // kubectl may exit before reading all of its input
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * A watchdog shell outlives a SIGKILLed test process and then kills the components. It kills a
 * PID only while that PID's command line still names this control plane's directory, so a
 * reused PID is never hit.
 */
function startWatchdog(dir: string, pids: number[]): ChildProcess {
  const script = [
    'parent=$1; dir=$2; shift 2',
    'while kill -0 "$parent" 2>/dev/null; do sleep 1; done',
    'for p in "$@"; do tr "\\0" " " < /proc/$p/cmdline 2>/dev/null | grep -qF -- "$dir" && kill -9 "$p"; done',
    'rm -rf -- "$dir"',
  ].join('\n');
  const child = spawn(
    'sh',
    ['-c', script, 'kfgen-control-plane-watchdog', String(process.pid), dir, ...pids.map(String)],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
  return child;
}

function writeCredentials(dir: string, token: string, controllerToken: string) {
  const pki = join(dir, 'pki');
  mkdirSync(pki);
  const cert = join(pki, 'apiserver.crt');
  const key = join(pki, 'apiserver.key');
  // Self-signed serving certificate for the loopback names only; kubectl trusts exactly it.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=kfgen-test-apiserver',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const sa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const saPub = join(pki, 'sa.pub');
  const saKey = join(pki, 'sa.key');
  writeFileSync(saPub, sa.publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(saKey, sa.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const tokens = join(pki, 'tokens.csv');
  // token,user,uid,"groups"
  writeFileSync(
    tokens,
    `${token},kfgen-admin,kfgen-admin,"system:masters"\n${controllerToken},system:kube-controller-manager,kfgen-kcm,"system:masters"\n`,
    { mode: 0o600 },
  );
  return { cert, key, saPub, saKey, tokens };
}

function writeKubeconfig(file: string, url: string, ca: string, user: string, token: string) {
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'kfgen-test', cluster: { server: url, 'certificate-authority': ca } }],
      users: [{ name: user, user: { token } }],
      contexts: [{ name: 'kfgen-test', context: { cluster: 'kfgen-test', user } }],
      'current-context': 'kfgen-test',
    }),
    { mode: 0o600 },
  );
}

/** Other Kubernetes binaries than tools.ts's v1.30.14 ones (test/support/release-tools.ts has a release's). */
export interface ControlPlaneBinaries {
  kubeApiserver?: string;
  kubeControllerManager?: string;
  kubectl?: string;
}

/**
 * Starts etcd and kube-apiserver on free loopback ports in a fresh temporary directory and waits
 * until the apiserver is ready. `aggregation: true` also runs kube-controller-manager with only the
 * clusterrole-aggregation-controller, so aggregated ClusterRoles (kubeflow-edit…) get their rules.
 * `binaries` replaces any of the three (default: tools.ts's v1.30.14 ones).
 */
export async function startControlPlane(
  opts: {
    aggregation?: boolean;
    /** More kube-controller-manager controllers (e.g. namespace-controller, garbage-collector-controller); implies aggregation. */
    controllers?: string[];
    binaries?: ControlPlaneBinaries;
  } = {},
): Promise<ControlPlane> {
  if (opts.controllers?.length) opts = { ...opts, aggregation: true };
  const etcd = etcdBin();
  const kubeApiserver = opts.binaries?.kubeApiserver ?? kubeApiserverBin;
  const kubeControllerManager = opts.binaries?.kubeControllerManager ?? kubeControllerManagerBin;
  const kubectl = opts.binaries?.kubectl ?? kubectlBin;
  for (const [what, bin] of [
    ['etcd', etcd],
    ['kube-apiserver', kubeApiserver],
    ['kubectl', kubectl],
    ...(opts.aggregation ? [['kube-controller-manager', kubeControllerManager]] : []),
  ]) {
    if (!bin || !existsSync(bin))
      throw new Error(
        `${what} not found${bin ? ` at ${bin}` : ''}: run \`npm run tools\` (see test/support/tools.ts missingTools('control-plane'))`,
      );
  }
  installExitHooks();
  // tmpfs when there is one: etcd fsyncs every write, and the tests care for speed, not durability.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kfgen-control-plane-'));
  const running: Running[] = [];
  let watchdog: ChildProcess | undefined;
  const kill = () => {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    watchdog?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const handle = { kill };
  live.add(handle);
  try {
    const token = randomBytes(24).toString('hex');
    const controllerToken = randomBytes(24).toString('hex');
    const creds = writeCredentials(dir, token, controllerToken);
    const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];

    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    running.push(
      start(
        'etcd',
        etcd!,
        [
          '--name=kfgen-test',
          `--data-dir=${join(dir, 'etcd')}`,
          `--listen-client-urls=${etcdUrl}`,
          `--advertise-client-urls=${etcdUrl}`,
          `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
          `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
          `--initial-cluster=kfgen-test=http://127.0.0.1:${etcdPeer}`,
          '--log-level=warn',
        ],
        dir,
      ),
    );

    const url = `https://127.0.0.1:${apiPort}`;
    running.push(
      start(
        'kube-apiserver',
        kubeApiserver,
        [
          `--etcd-servers=${etcdUrl}`,
          '--bind-address=127.0.0.1',
          '--advertise-address=127.0.0.1',
          `--secure-port=${apiPort}`,
          `--cert-dir=${join(dir, 'pki')}`,
          `--tls-cert-file=${creds.cert}`,
          `--tls-private-key-file=${creds.key}`,
          `--token-auth-file=${creds.tokens}`,
          '--authorization-mode=Node,RBAC',
          `--service-account-issuer=${SERVICE_ACCOUNT_ISSUER}`,
          `--service-account-key-file=${creds.saPub}`,
          `--service-account-signing-key-file=${creds.saKey}`,
          '--service-cluster-ip-range=10.96.0.0/16',
          '--allow-privileged=true',
          // The `kubernetes` Service's endpoint would be 127.0.0.1, which Endpoints refuse; nothing here needs it.
          '--endpoint-reconciler-type=none',
          '--profiling=false',
          '--v=1',
        ],
        dir,
      ),
    );
    const ca = readFileSync(creds.cert, 'utf8');
    await waitFor(
      'kube-apiserver /readyz',
      async () => (await httpsGet(`${url}/readyz`, ca, token)).status === 200,
      running,
    );

    const kubeconfig = join(dir, 'kubeconfig');
    writeKubeconfig(kubeconfig, url, creds.cert, 'kfgen-admin', token);

    if (opts.aggregation) {
      const kcmConfig = join(dir, 'kube-controller-manager.kubeconfig');
      writeKubeconfig(kcmConfig, url, creds.cert, 'system:kube-controller-manager', controllerToken);
      running.push(
        start(
          'kube-controller-manager',
          kubeControllerManager,
          [
            `--kubeconfig=${kcmConfig}`,
            // The canonical name in v1.30 (`clusterrole-aggregation` is its old alias); nothing else runs.
            `--controllers=${['clusterrole-aggregation-controller', ...(opts.controllers ?? [])].join(',')}`,
            '--leader-elect=false',
            '--use-service-account-credentials=false',
            // No HTTPS endpoint (healthz, metrics): nothing scrapes it, and it would need delegated auth.
            '--secure-port=0',
            '--v=1',
          ],
          dir,
        ),
      );
      // Ready once it has aggregated a bootstrap role: `admin` is empty until the controller fills it.
      await waitFor(
        'kube-controller-manager to aggregate the bootstrap ClusterRole admin',
        async () => {
          const r = await httpsGet(`${url}/apis/rbac.authorization.k8s.io/v1/clusterroles/admin`, ca, token);
          return r.status === 200 && ((JSON.parse(r.body) as { rules?: unknown[] }).rules ?? []).length > 0;
        },
        running,
      );
    }

    watchdog = startWatchdog(dir, running.map((r) => r.child.pid!).filter(Boolean));
    const cacheDir = join(dir, 'kubectl-cache');
    return {
      url,
      token,
      kubeconfig,
      dir,
      kubectl: (args, o) => runKubectl(kubectl, kubeconfig, cacheDir, args, o),
      stop: async () => {
        for (const r of [...running].reverse()) {
          if (r.child.exitCode === null && r.child.signalCode === null) {
            r.child.kill('SIGTERM');
            const gone = await Promise.race([
              r.exited.then(() => true),
              new Promise<boolean>((res) => setTimeout(() => res(false), 5000)),
            ]);
            if (!gone) {
              r.child.kill('SIGKILL');
              await r.exited;
            }
          }
        }
        kill();
        live.delete(handle);
      },
    };
  } catch (e) {
    kill();
    live.delete(handle);
    throw e;
  }
}
