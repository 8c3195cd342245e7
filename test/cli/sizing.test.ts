import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { starterConfig } from '../../src/cli/init.js';
import { catalog, lintSources } from '../../src/lint/index.js';

/** The EKS starter's node groups, as its object literal has them. */
function starterNodeGroups(): Array<{ instanceType: string; minSize: number }> {
  const text = starterConfig('azure-ad', 'eks');
  const literal = text.slice(text.indexOf('defineConfig(') + 'defineConfig('.length, text.lastIndexOf(');'));
  return (new Function(`return (${literal});`)() as { platform: { eks: { nodeGroups: [] } } }).platform.eks.nodeGroups;
}

const clusterConfig = (groups: Array<{ instanceType: string; minSize: number }>) =>
  `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: { name: sizing, region: us-east-1, version: "1.31" }
managedNodeGroups:
${groups.map((g, i) => `  - { name: g${i}, instanceType: ${g.instanceType}, minSize: ${g.minSize}, desiredCapacity: ${g.minSize}, maxSize: ${g.minSize + 1} }`).join('\n')}
`;

const capacityFindings = async (groups: Array<{ instanceType: string; minSize: number }>) =>
  (await lintSources([{ file: 'cluster.yaml', text: clusterConfig(groups) }])).filter(
    (f) => f.ruleId === 'eks-nodegroup-capacity',
  );

test('kfgen init states the capacity the eks-nodegroup-capacity rule checks, and its node groups meet it', async () => {
  const need = catalog.find((r) => r.meta.id === 'eks-nodegroup-capacity')!.meta.params as {
    cpu: number;
    memGiB: number;
  };
  const text = starterConfig('azure-ad', 'eks');
  const stated = /needs at least (\d+) vCPU and (\d+) GiB/.exec(text);
  assert.ok(stated, 'the starter says what Kubeflow needs');
  assert.equal([Number(stated![1]), Number(stated![2])], [need.cpu, need.memGiB]);
  assert.equal(await capacityFindings(starterNodeGroups()), [], 'the starter itself is large enough');
});

test('a node group below that capacity is reported', async () => {
  const findings = await capacityFindings([{ instanceType: 'm5.large', minSize: 1 }]);
  assert.is(findings.length, 1);
  assert.is(findings[0]!.severity, 'warning');
});

test.run();
