/**
 * Generates the field trees that back the strict (unknown-field) pass for built-in and Istio kinds.
 * The published models accept unknown fields and ship only precompiled validators, so the set of
 * known property names is recovered from their type declarations once, here, instead of at lint time.
 *
 * Run: tsx scripts/gen-field-trees.ts   (rewrites src/lint/schema/generated/*.ts)
 */
import ts from 'typescript';
import { readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

type Node = 0 | string | { p?: Record<string, Node>; i?: Node; m?: Node };

function listDts(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root)) {
    if (entry === 'node_modules' || entry.startsWith('_')) continue;
    const full = join(root, entry);
    if (statSync(full).isDirectory()) out.push(...listDts(full));
    else if (entry.endsWith('.d.ts') && entry !== 'index.d.ts') out.push(full);
  }
  return out;
}

function generate(pkg: string, outName: string): void {
  const pkgRoot = dirname(require.resolve(`${pkg}/package.json`));
  const files = listDts(pkgRoot);
  const program = ts.createProgram(files, {
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const defs: Record<string, Node> = {};
  const interned = new Map<string, string>();
  const inProgress = new Set<string>();

  const isLeaf = (t: ts.Type): boolean => {
    if (t.isUnion()) return t.types.every(isLeaf);
    return (
      !(t.flags & ts.TypeFlags.Object) ||
      (checker.getPropertiesOfType(t).length === 0 && !t.getStringIndexType() && !checker.isArrayType(t))
    );
  };

  // Short names collide across API versions (apps/v1 vs extensions/v1beta1 IDeployment), so key
  // named types by declaring file as well.
  function qualified(sym: ts.Symbol): string {
    const file = sym.declarations?.[0]?.getSourceFile().fileName ?? '';
    const rel = file
      .replace(/^.*node_modules\//, '')
      .replace(/\.d\.ts$/, '')
      .replace(/^(@kubernetes-models\/|kubernetes-models\/)/, '');
    return `${rel}#${sym.name}`;
  }

  function nodeOf(t: ts.Type): Node {
    const nonNullable = checker.getNonNullableType(t);
    if (nonNullable.isUnion()) {
      // unions of object shapes are rare in these models; the first object member is the schema
      const obj = nonNullable.types.find((m) => !isLeaf(m));
      return obj ? nodeOf(obj) : 0;
    }
    t = nonNullable;
    if (isLeaf(t)) return 0;
    if (checker.isArrayType(t)) {
      const el = checker.getTypeArguments(t as ts.TypeReference)[0];
      const n = el ? nodeOf(el) : 0;
      return n === 0 ? 0 : { i: n };
    }
    const sym = t.aliasSymbol ?? t.getSymbol();
    const named = sym && sym.name !== '__type' && sym.name !== '__object' ? qualified(sym) : undefined;
    if (named && (named in defs || inProgress.has(named))) return named;
    if (named) inProgress.add(named);
    const node: { p?: Record<string, Node>; i?: Node; m?: Node } = {};
    const props = checker.getPropertiesOfType(t);
    if (props.length) {
      node.p = {};
      for (const p of props) {
        const decl = p.valueDeclaration ?? p.declarations?.[0];
        if (!decl) continue;
        node.p[p.name] = nodeOf(checker.getTypeOfSymbolAtLocation(p, decl));
      }
    }
    const idx = t.getStringIndexType();
    if (idx) node.m = nodeOf(idx);
    if (named) {
      inProgress.delete(named);
      defs[named] = node;
      return named;
    }
    const json = JSON.stringify(node);
    if (json.length < 160) return node;
    let id = interned.get(json);
    if (!id) {
      id = `_${interned.size}`;
      interned.set(json, id);
      defs[id] = node;
    }
    return id;
  }

  const roots: Record<string, Node> = {};
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    for (const stmt of sf.statements) {
      if (!ts.isInterfaceDeclaration(stmt)) continue;
      const t = checker.getTypeAtLocation(stmt);
      const av = t.getProperty('apiVersion');
      const kind = t.getProperty('kind');
      if (!av || !kind) continue;
      const avT = checker.getTypeOfSymbolAtLocation(av, stmt);
      const kindT = checker.getTypeOfSymbolAtLocation(kind, stmt);
      if (!avT.isStringLiteral() || !kindT.isStringLiteral()) continue;
      if (kindT.value.endsWith('List')) continue;
      roots[`${avT.value}/${kindT.value}`] = nodeOf(t);
    }
  }
  const sortedRoots = Object.fromEntries(Object.entries(roots).sort(([a], [b]) => a.localeCompare(b)));
  const sortedDefs = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
  const version = require(`${pkg}/package.json`).version as string;
  const body =
    `// Generated by scripts/gen-field-trees.ts from ${pkg}@${version} type declarations. Do not edit.\n` +
    `import type { FieldTrees } from '../field-tree.js';\n` +
    `const trees: FieldTrees = ${JSON.stringify({ roots: sortedRoots, defs: sortedDefs })};\n` +
    `export default trees;\n`;
  const out = join(repo, 'src/lint/schema/generated', outName);
  writeFileSync(out, body);
  console.log(`${out}: ${Object.keys(roots).length} kinds, ${Object.keys(defs).length} defs, ${body.length} bytes`);
}

generate('kubernetes-models', 'k8s-fields.ts');
generate('@kubernetes-models/istio', 'istio-fields.ts');
if (existsSync(join(repo, 'node_modules/@kubernetes-models/cert-manager')))
  generate('@kubernetes-models/cert-manager', 'cert-manager-fields.ts');
