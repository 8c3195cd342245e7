/**
 * Upstream facts live in the catalog (src/kubeflow/) only: a header name, a principal, a manifests
 * path or the session cookie written as a literal anywhere else would be a second copy that the
 * next release changes in one place and not the other. This reads every string literal of src/
 * with the TypeScript parser (comments and prose in messages built from constants are not
 * literals of these values) and fails on any that is, or starts like, one of those facts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../support/tools.js';

/** Literals that are upstream facts, exactly. */
const EXACT = new Set([
  'kubeflow-userid',
  'kubeflow-groups',
  'istio-ingressgateway',
  'istio-ingressgateway-service-account',
  'oauth2_proxy_kubeflow',
  'kubeflow-oidc-authservice',
  'http://dex.auth.svc.cluster.local:5556/dex',
]);
/**
 * Literals that start like a principal or a path into the manifests tree (`apps/v1` is an
 * apiVersion, `apps/Deployment` a group and kind: the tree's folders are lower case).
 */
const PREFIXES = [
  /^cluster\.local\/ns\//,
  /^common\//,
  /^apps\/(?!v1(beta[12])?($|\/))(?![A-Z])/,
  /^applications\//,
  /^contrib\//,
];

/** Files allowed a literal, each with why (src/lint/schema/generated/ holds API models, not upstream facts). */
const ALLOWED: Record<string, string> = {};

function sources(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const full = join(dir, e);
    if (statSync(full).isDirectory()) return sources(full, ext);
    return full.endsWith(ext) ? [full] : [];
  });
}

/** Python string literals (the Profile Manager's handler gets these facts through its environment). */
function pythonLiterals(file: string): Array<{ text: string; line: number }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((l, i) =>
      [...l.replace(/^\s*#.*$/, '').matchAll(/"([^"\\]*)"|'([^'\\]*)'/g)].map((m) => ({
        text: m[1] ?? m[2] ?? '',
        line: i + 1,
      })),
    );
}

function literals(file: string): Array<{ text: string; line: number }> {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ text: string; line: number }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node))
      out.push({ text: node.text, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

test('no upstream fact is written as a literal outside src/kubeflow/', () => {
  const src = join(repoRoot, 'src');
  const found: string[] = [];
  const files = [...sources(src, '.ts'), ...sources(src, '.py')];
  for (const file of files) {
    const rel = relative(repoRoot, file);
    if (rel.startsWith('src/kubeflow/') || rel.startsWith('src/lint/schema/generated/') || ALLOWED[rel]) continue;
    for (const { text, line } of file.endsWith('.py') ? pythonLiterals(file) : literals(file))
      if (EXACT.has(text) || PREFIXES.some((p) => p.test(text))) found.push(`${rel}:${line}: ${JSON.stringify(text)}`);
  }
  assert.equal(found, [], 'move these into src/kubeflow/ (a release fact goes into src/kubeflow/releases/)');
});

test('the check finds a literal where there is one', () => {
  const file = join(repoRoot, 'src/kubeflow/gateway.ts');
  assert.ok(
    literals(file).some((l) => l.text === 'kubeflow-userid'),
    'the catalog itself holds the header, so the scan sees literals',
  );
});

test('the Python scan finds a literal where there is one, and not in a comment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfgen-literals-'));
  try {
    const file = join(dir, 'h.py');
    writeFileSync(file, '# "kubeflow-userid" in a comment\nHEADER = "kubeflow-userid"\n');
    assert.equal(pythonLiterals(file), [{ text: 'kubeflow-userid', line: 2 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
