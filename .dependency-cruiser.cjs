/**
 * The layers of src/ (docs/architecture.md), one direction only:
 *   util, kubeflow (leaves) → config → plan → generate → pipeline → krm, cli
 *   upgrade (pure: diff, steps, UPGRADE.md) sits beside generate; only cli imports it.
 *   lint depends on nothing but util and kubeflow. No exceptions: what two layers share (the rule
 *   ids, the field-path format) lives in a leaf.
 * `npm run check:layers` fails on any import against these arrows, and on any cycle.
 */
const layer = (name, allowed) => ({
  name: `${name}-layer`,
  severity: 'error',
  comment: `src/${name} may import only: ${allowed.join(', ')}`,
  from: { path: `^src/${name}/` },
  to: { path: '^src/', pathNot: allowed.map((a) => `^src/${a}`) },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'import cycles make layers meaningless',
      from: {},
      to: { circular: true },
    },
    layer('util', ['util/']),
    layer('kubeflow', ['kubeflow/', 'util/']),
    layer('config', ['config/', 'kubeflow/', 'util/']),
    layer('plan', ['plan/', 'config/', 'kubeflow/', 'util/']),
    layer('generate', ['generate/', 'plan/', 'config/', 'kubeflow/', 'util/']),
    {
      name: 'generate-does-no-io',
      severity: 'error',
      comment:
        'generate is pure: files it writes as they are (handler.py) are read by the pipeline (pipeline/assets.ts) and passed in',
      from: { path: '^src/generate/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|net|http|https|os)$' },
    },
    {
      name: 'generate-reads-the-plan',
      severity: 'error',
      comment:
        'generators take the validated plan (defaults applied there): from config/ only its types and the lookup of a resolved secret value; never a default, the validator or the loader',
      from: { path: '^src/generate/' },
      to: { path: '^src/config/', pathNot: '^src/config/(types|secrets)\\.ts$' },
    },
    layer('upgrade', ['upgrade/', 'generate/', 'plan/', 'config/', 'kubeflow/', 'util/']),
    layer('lint', ['lint/', 'kubeflow/', 'util/']),
    layer('pipeline', ['pipeline/', 'generate/', 'plan/', 'config/', 'lint/', 'kubeflow/', 'util/']),
    layer('krm', ['krm/', 'pipeline/', 'generate/', 'plan/', 'config/', 'lint/', 'kubeflow/', 'util/']),
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'a module nothing imports is dead code (entry points excepted)',
      from: {
        orphan: true,
        path: '^src/',
        pathNot: ['^src/index\\.ts$', '^src/cli/main\\.ts$', '^src/krm/main\\.ts$', '\\.d\\.ts$'],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
