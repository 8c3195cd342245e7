import { findGenerated, type K8sObject } from './tools.js';

/** oauth2-proxy's rendered cfg as key → value (quoted strings unquoted, lists and booleans raw). */
export function cfgOf(objects: K8sObject[]): Record<string, string> {
  const cm = findGenerated(objects, 'ConfigMap', 'oauth2-proxy', 'oauth2-proxy') as { data: Record<string, string> };
  const out: Record<string, string> = {};
  for (const line of cm.data['oauth2_proxy.cfg']!.split('\n')) {
    const m = /^([a-z_]+)\s*=\s*(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
  }
  return out;
}

/** A Secret's data, base64-decoded. */
export function secretData(o: K8sObject | undefined): Record<string, string> {
  const data = (o as { data?: Record<string, string> } | undefined)?.data ?? {};
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}
