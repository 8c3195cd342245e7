import { find, findGenerated, type K8sObject } from './tools.js';

/**
 * find(), typed as the shape the test reads. Throws when the object is missing, so a test fails on
 * "no Deployment auth/dex" rather than on a TypeError at its first field.
 */
export function findAs<T>(objects: K8sObject[], kind: string, name: string, namespace?: string): T {
  const o = find(objects, kind, name, namespace);
  if (!o) throw new Error(`no ${kind} ${namespace === undefined ? '' : `${namespace}/`}${name}`);
  return o as unknown as T;
}

/** findGenerated() (hash-suffixed ConfigMaps and Secrets), typed and checked like findAs(). */
export function findGeneratedAs<T>(objects: K8sObject[], kind: string, prefix: string, namespace: string): T {
  const o = findGenerated(objects, kind, prefix, namespace);
  if (!o) throw new Error(`no generated ${kind} ${namespace}/${prefix}-*`);
  return o as unknown as T;
}

/** oauth2-proxy's rendered cfg as key → value (quoted strings unquoted, lists and booleans raw). */
export function cfgOf(objects: K8sObject[]): Record<string, string> {
  const cm = findGeneratedAs<{ data: Record<string, string> }>(objects, 'ConfigMap', 'oauth2-proxy', 'oauth2-proxy');
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
