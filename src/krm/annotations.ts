import type { KrmObject } from './resource-list.js';

/**
 * Bookkeeping annotations that kustomize and kyaml add to items while they pass through a
 * function. They are not the user's, so lint rules must not see them; they stay on the items we
 * return, because kyaml uses `config.k8s.io/id` to copy comments back onto its objects.
 */
const BOOKKEEPING = [
  /^internal\.config\.kubernetes\.io\//,
  /^config\.kubernetes\.io\/(index|path|id)$/,
  /^config\.k8s\.io\/id$/,
  /^kustomize\.config\.k8s\.io\//,
];

export function isBookkeeping(key: string): boolean {
  return BOOKKEEPING.some((re) => re.test(key));
}

/** A shallow copy without the bookkeeping annotations (nothing else is copied). */
export function withoutBookkeeping(item: KrmObject): KrmObject {
  const annotations = item.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object') return item;
  const keys = Object.keys(annotations);
  if (!keys.some(isBookkeeping)) return item;
  const kept = Object.fromEntries(keys.filter((k) => !isBookkeeping(k)).map((k) => [k, annotations[k]]));
  const metadata = { ...item.metadata };
  if (Object.keys(kept).length) metadata.annotations = kept;
  else delete metadata.annotations;
  return { ...item, metadata };
}

/** Where the item came from, when the orchestrator says (kpt and `kustomize fn` do; `kustomize build` does not). */
export function sourceOf(item: KrmObject): { path: string; index?: number } | undefined {
  const a = item.metadata?.annotations ?? {};
  const origin = parseOrigin(a['config.kubernetes.io/origin']);
  const path = a['internal.config.kubernetes.io/path'] ?? a['config.kubernetes.io/path'] ?? origin;
  if (typeof path !== 'string' || !path) return undefined;
  const rawIndex = a['internal.config.kubernetes.io/index'] ?? a['config.kubernetes.io/index'];
  const index = origin && path === origin ? undefined : Number(rawIndex);
  return index !== undefined && Number.isInteger(index) ? { path, index } : { path };
}

/** `buildMetadata: [originAnnotations]` records `path: ...` (and repo/ref for remote bases). */
function parseOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^path:\s*(.+)$/m.exec(value);
  return m?.[1]?.trim().replace(/^["']|["']$/g, '');
}
