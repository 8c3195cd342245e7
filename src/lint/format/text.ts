import type { Finding } from '../types.js';

/** `file:line:col severity rule-id message`, one finding per line, then a summary line. */
export function formatText(findings: Finding[]): string {
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  if (findings.length) lines.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`);
  return lines.join('\n') + (lines.length ? '\n' : '');
}
