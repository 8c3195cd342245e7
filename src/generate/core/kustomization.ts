import type { Context, Contribution, GeneratorEntry } from './model.js';
import { SORT_OPTIONS } from '../../kubeflow/upstream.js';
import { toYaml } from '../../util/yaml.js';
import { GENERATED_MARK } from './model.js';

/** The root kustomization: upstream's component list (minus what was dropped) plus our changes. */
export function kustomization(ctx: Context, merged: Required<Contribution>): string {
  const dropped = new Set(merged.dropUpstream);
  const { release } = ctx.plan;
  const upstream = release.components
    .filter((r) => !dropped.has(r.dir))
    .map((r) => ctx.upstreamRef(merged.swapUpstream[r.dir] ?? r.dir));
  const object: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    sortOptions: SORT_OPTIONS,
    resources: [...upstream, ...merged.resources],
  };
  if (release.kustomizeComponents.length) object.components = release.kustomizeComponents.map(ctx.upstreamRef);
  if (merged.configMapGenerator.length) object.configMapGenerator = merged.configMapGenerator.map(entry);
  if (merged.secretGenerator.length) object.secretGenerator = merged.secretGenerator.map(entry);
  if (merged.patches.length)
    object.patches = merged.patches.map((p) => (p.target ? { path: p.file, target: p.target } : { path: p.file }));
  const header = [
    `${GENERATED_MARK} from ${ctx.configName}. Do not edit: change the config and run \`kfgen build\`.`,
    `# Kubeflow manifests ${release.id}; see NEXT_STEPS.md for how to apply it.`,
  ].join('\n');
  return `${header}\n${toYaml(object)}`;
}

function entry(g: GeneratorEntry): Record<string, unknown> {
  // Fixed key order keeps the output byte-stable whatever order the concern built it in.
  const keys: Array<keyof GeneratorEntry> = [
    'name',
    'namespace',
    'behavior',
    'type',
    'literals',
    'envs',
    'files',
    'options',
  ];
  return Object.fromEntries(keys.filter((k) => g[k] !== undefined).map((k) => [k, g[k]]));
}
