import { loadEmbeddedYaml } from '../../util/yaml-bounds.js';
import type { ParsedObject } from '../types.js';

export interface AwsAuthEntry {
  key: 'mapRoles' | 'mapUsers';
  index: number;
  item: any;
  innerLine?: number;
}

/** Entries of aws-auth's embedded mapRoles/mapUsers lists, with the line each starts on. */
export function awsAuthEntries(o: ParsedObject): AwsAuthEntry[] {
  if (o.object?.kind !== 'ConfigMap' || o.object.metadata?.name !== 'aws-auth') return [];
  const out: AwsAuthEntry[] = [];
  for (const key of ['mapRoles', 'mapUsers'] as const) {
    const text = o.object.data?.[key];
    if (typeof text !== 'string') continue;
    let list: unknown;
    try {
      list = loadEmbeddedYaml(text);
    } catch {
      continue;
    }
    if (!Array.isArray(list)) continue;
    const starts = text.split('\n').flatMap((l, i) => (/^\s*-/.test(l) ? [i] : []));
    list.forEach((item, index) => out.push({ key, index, item, innerLine: starts[index] }));
  }
  return out;
}
