/** Code-unit order: the same on every machine and locale, so output bytes never depend on them. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of the record with keys in `cmp` order (user-written maps keep no meaningful order). */
export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => cmp(a, b)));
}
