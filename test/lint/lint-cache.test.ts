import { suite } from '../support/suite.js';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { lintSources } from '../../src/lint/index.js';
import type { Finding } from '../../src/lint/types.js';

/*
 * The lint caches (compiled CRD validators, parses of large documents; docs/lint.md) change how
 * fast findings come, never which: the same input linted with the cache off, cold (compiling and
 * writing) and warm (reading what the cold run wrote) gives the same findings. In-process only; a
 * CRD is made large (a long description) so that its parse is cached too.
 */

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            description: 'x'.repeat(40_000),
            properties: {
              spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } }, required: ['size'] },
            },
          },
        },
      },
    ],
  },
};
const widgets = [
  {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'bad', namespace: 'default' },
    spec: { size: 'large', colour: 'red' },
  },
  { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'good', namespace: 'default' }, spec: { size: 3 } },
];
const text = [crd, ...widgets].map((o) => stringify(o)).join('---\n');

const shape = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`).sort();

async function lintWith(dir: string): Promise<string[]> {
  const before = process.env.KFGEN_CACHE_DIR;
  process.env.KFGEN_CACHE_DIR = dir;
  try {
    return shape(await lintSources([{ file: 'widgets.yaml', text }]));
  } finally {
    if (before === undefined) delete process.env.KFGEN_CACHE_DIR;
    else process.env.KFGEN_CACHE_DIR = before;
  }
}

const test = suite('lint caches');

test('off, cold and warm runs give the same findings; the cold run writes a validator and a parse', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-cache-'));
  try {
    const off = await lintWith('');
    assert.ok(
      off.some((f) => f.includes('size')),
      `the bad Widget is reported: ${off.join('\n')}`,
    );
    const cold = await lintWith(dir);
    const files = readdirSync(dir);
    assert.ok(
      files.some((f) => /^ajv-.*\.cjs$/.test(f)),
      files.join(' '),
    );
    assert.equal(readdirSync(join(dir, 'parse')).length, 1, 'only the large CRD document is cached');
    const warm = await lintWith(dir);
    assert.equal(cold, off);
    assert.equal(warm, off);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
