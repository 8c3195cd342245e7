import { createServer, request, type Server } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for what EKS does with the Profile Manager's IAM token: authenticate it and hand the
 * API server a user in the function's Kubernetes group. On loopback only, it accepts exactly one
 * bearer token and forwards every request to the real kube-apiserver as the admin, impersonating
 * that user and group (`Impersonate-User`, `Impersonate-Group`). Authorization is then the API
 * server's own RBAC for that identity, as it would be for an authenticator-mapped user; the
 * control plane's static token file (fixed when it starts) cannot take another user.
 */
export interface ImpersonatingProxy {
  url: string;
  /** PEM of the certificate the proxy serves (the control plane's own loopback certificate). */
  caFile: string;
  /** Requests seen, as "METHOD path" (status). */
  seen: string[];
  stop(): Promise<void>;
}

export async function startImpersonatingProxy(opts: {
  apiserver: string;
  adminToken: string;
  controlPlaneDir: string;
  acceptToken: string;
  user: string;
  groups: string[];
}): Promise<ImpersonatingProxy> {
  const caFile = join(opts.controlPlaneDir, 'pki', 'apiserver.crt');
  const ca = readFileSync(caFile, 'utf8');
  const key = readFileSync(join(opts.controlPlaneDir, 'pki', 'apiserver.key'), 'utf8');
  const upstream = new URL(opts.apiserver);
  const seen: string[] = [];
  const server: Server = createServer({ cert: ca, key }, (req, res) => {
    if (req.headers.authorization !== `Bearer ${opts.acceptToken}`) {
      seen.push(`${req.method} ${req.url} (401)`);
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Unauthorized',
          code: 401,
        }),
      );
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || ['authorization', 'host', 'connection'].includes(k) || k.startsWith('impersonate-'))
        continue;
      headers[k] = v;
    }
    headers.authorization = `Bearer ${opts.adminToken}`;
    headers['impersonate-user'] = opts.user;
    headers['impersonate-group'] = opts.groups;
    const out = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers,
        ca,
      },
      (up) => {
        seen.push(`${req.method} ${req.url} (${up.statusCode})`);
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', (e) => {
      res.writeHead(502);
      res.end(String(e));
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caFile,
    seen,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
