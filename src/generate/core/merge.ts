import type { Contribution } from './model.js';

/** Concatenates contributions in order; two concerns writing the same file is a bug. */
export function mergeContributions(parts: Contribution[]): Required<Contribution> {
  const out: Required<Contribution> = {
    files: {},
    secretFiles: {},
    resources: [],
    dropUpstream: [],
    swapUpstream: {},
    configMapGenerator: [],
    secretGenerator: [],
    patches: [],
    nextSteps: [],
  };
  for (const p of parts) {
    for (const [kind, record] of [
      ['files', p.files],
      ['secretFiles', p.secretFiles],
    ] as const) {
      for (const [path, content] of Object.entries(record ?? {})) {
        if (path in out[kind]) throw new Error(`internal: two generators write ${path}`);
        out[kind][path] = content;
      }
    }
    out.resources.push(...(p.resources ?? []));
    out.dropUpstream.push(...(p.dropUpstream ?? []));
    Object.assign(out.swapUpstream, p.swapUpstream);
    out.configMapGenerator.push(...(p.configMapGenerator ?? []));
    out.secretGenerator.push(...(p.secretGenerator ?? []));
    out.patches.push(...(p.patches ?? []));
    out.nextSteps.push(...(p.nextSteps ?? []));
  }
  const patchFiles = out.patches.map((p) => p.file);
  const dup = patchFiles.find((f, i) => patchFiles.indexOf(f) !== i);
  if (dup) throw new Error(`internal: two generators write ${dup}`);
  return out;
}
