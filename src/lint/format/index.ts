import type { Finding } from '../types.js';
import { catalog } from '../rules/index.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export type OutputFormat = 'text' | 'json' | 'sarif';
export const FORMATS: OutputFormat[] = ['text', 'json', 'sarif'];

export function formatFindings(findings: Finding[], format: OutputFormat): string {
  if (format === 'json') return formatJson(findings);
  if (format === 'sarif') return formatSarif(findings, catalog);
  return formatText(findings);
}
