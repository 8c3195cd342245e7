import { readFileSync } from 'node:fs';
import type { Finding } from '../types.js';
import type { Rule } from '../rule.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

function toolVersion(): string {
  try {
    return JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

/** SARIF 2.1.0, as accepted by code-scanning tools: one run, the catalog as the driver's rules. */
export function formatSarif(findings: Finding[], catalog: readonly Rule[]): string {
  const rules = catalog.map((r) => ({
    id: r.meta.id,
    name: r.meta.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.summary },
    fullDescription: { text: r.meta.rationale },
    help: { text: r.meta.remediation },
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
    properties: { tags: [r.meta.family] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => {
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.remediation ? `${f.message}. Fix: ${f.remediation}` : f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: f.file === '-' ? 'stdin' : encodeURI(f.file.replace(/\\/g, '/').replace(/^\.\//, '')),
            },
            region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
          },
          ...(f.resourceRef
            ? {
                logicalLocations: [
                  {
                    name: f.resourceRef.name,
                    fullyQualifiedName: `${f.resourceRef.apiVersion}/${f.resourceRef.kind}/${f.resourceRef.namespace ? f.resourceRef.namespace + '/' : ''}${f.resourceRef.name}`,
                    kind: 'resource',
                  },
                ],
              }
            : {}),
        },
      ],
    };
    const i = index.get(f.ruleId);
    if (i !== undefined) result.ruleIndex = i;
    return result;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'kfgen', version: toolVersion(), rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
