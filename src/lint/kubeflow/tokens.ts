import type { PathSegment } from '../types.js';
import type { PodSpecView } from '../templates.js';

import { KFP_AUDIENCE, KFP_TOKEN_DIR, KFP_TOKEN_ENV, KFP_TOKEN_PATH } from '../../kubeflow/pipelines.js';

export { KFP_AUDIENCE, KFP_TOKEN_ENV };
/** With the trailing slash: a mount path under it is the SDK's default location. */
export const KFP_DEFAULT_DIR = `${KFP_TOKEN_DIR}/`;

export interface TokenSource {
  volume: string;
  audience?: string;
  file: string;
  expirationSeconds?: unknown;
  path: PathSegment[];
}

/** Projected service-account tokens of a pod spec. */
export function tokenSources(view: PodSpecView): TokenSource[] {
  const out: TokenSource[] = [];
  view.volumes.forEach((v: any, i: number) =>
    (v?.projected?.sources ?? []).forEach((s: any, j: number) => {
      const t = s?.serviceAccountToken;
      if (!t) return;
      out.push({
        volume: v.name,
        audience: t.audience,
        file: t.path ?? '',
        expirationSeconds: t.expirationSeconds,
        path: [...view.path, 'volumes', i, 'projected', 'sources', j, 'serviceAccountToken'],
      });
    }),
  );
  return out;
}

/** Where each container sees each token file, and which file the KFP client will read. */
export function tokenMounts(view: PodSpecView) {
  const sources = tokenSources(view);
  const out: Array<{
    source: TokenSource;
    containerPath: PathSegment[];
    mountIndex: number;
    filePath: string;
    expected: string;
    envIndex?: number;
  }> = [];
  for (const { path, c } of view.containers) {
    const env: any[] = Array.isArray(c?.env) ? c.env : [];
    const envIndex = env.findIndex((e) => e?.name === KFP_TOKEN_ENV);
    const expected = envIndex >= 0 && typeof env[envIndex].value === 'string' ? env[envIndex].value : KFP_TOKEN_PATH;
    (c?.volumeMounts ?? []).forEach((m: any, k: number) => {
      for (const source of sources) {
        if (m?.name !== source.volume || typeof m.mountPath !== 'string') continue;
        out.push({
          source,
          containerPath: path,
          mountIndex: k,
          filePath: `${m.mountPath.replace(/\/+$/, '')}/${source.file}`,
          expected,
          envIndex: envIndex >= 0 ? envIndex : undefined,
        });
      }
    });
  }
  return out;
}
