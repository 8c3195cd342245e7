import { stringify } from 'yaml';

/** One YAML document, stable across runs: no line folding, keys in construction order. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/** Several objects as one multi-document YAML stream. */
export function toYamlStream(values: unknown[]): string {
  return values.map(toYaml).join('---\n');
}
