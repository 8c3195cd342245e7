/**
 * The group → namespace mapping exists twice: in the function (handler.py, what runs at login) and
 * in TypeScript (what kfgen prints and validates). Both run here on the same groups, including the
 * awkward ones (case, form-decoded characters, non-ASCII, over 63 characters), and must agree.
 * Simulates nothing: a local Python runs the handler's own function.
 */
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { suite } from '../support/suite.js';
import { missingTools, repoRoot, venvPython } from '../support/tools.js';
import { namespaceForGroup } from '../../src/plan/group-namespaces.js';

const missing = missingTools('python-tools');
const test = suite('profile manager: group → namespace, Python and TypeScript agree');

const GROUPS = [
  'kubeflow-Team Vision',
  'Kubeflow-R&D',
  'KUBEFLOW-data_science',
  'kubeflow-',
  'kubeflow-!!!',
  'kubeflow--lead--',
  'kubeflow-Équipe Zürich',
  'kubeflow-İstanbul',
  'kubeflow-🚀 rockets',
  'Domain Users',
  `kubeflow-${'x'.repeat(80)}-a`,
  `kubeflow-${'y'.repeat(53)}--${'z'.repeat(20)}`,
];
const NAMINGS = [
  { prefix: 'kubeflow-', stripPrefix: true, namespacePrefix: '' },
  { prefix: 'kubeflow-', stripPrefix: false, namespacePrefix: '' },
  { prefix: 'KubeFlow-', stripPrefix: true, namespacePrefix: 'grp-' },
];

const PY = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("handler", sys.argv[1])
h = importlib.util.module_from_spec(spec); spec.loader.exec_module(h)
req = json.load(sys.stdin)
out = []
for n in req["namings"]:
    c = h.Config({"KFGEN_PM_GROUP_PREFIX": n["prefix"], "KFGEN_PM_STRIP_PREFIX": str(n["stripPrefix"]).lower(), "KFGEN_PM_NAMESPACE_PREFIX": n["namespacePrefix"]})
    out.append([h.namespace_for_group(g, c) for g in req["groups"]])
json.dump(out, sys.stdout)
`;

test('the same namespace for every group and naming', async () => {
  if (missing) return;
  const child = execFile(venvPython, ['-B', '-c', PY, join(repoRoot, 'src/generate/profile-manager/handler.py')], {
    encoding: 'utf8',
  });
  child.stdin!.end(JSON.stringify({ groups: GROUPS, namings: NAMINGS }));
  const stdout = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: string) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`python exited ${code}`))));
  });
  const python = (JSON.parse(stdout) as Array<Array<string | null>>).map((row) => row.map((v) => v ?? undefined));
  const ts = NAMINGS.map((n) => GROUPS.map((g) => namespaceForGroup(g, n)));
  assert.equal(ts, python);
  // Spot checks, so agreeing on nonsense would not pass either.
  assert.equal(ts[0]!.slice(0, 4), ['team-vision', 'r-d', 'data-science', undefined]);
  assert.is(ts[0]![6], 'quipe-z-rich');
  assert.is(ts[2]![0], 'grp-team-vision');
  assert.is(ts[1]![0], 'kubeflow-team-vision');
  assert.ok(ts[0]!.filter(Boolean).every((n) => n!.length <= 63));
});

test.run();
