/** A field path as messages show it: `auth.dex.connectors[0].config`. */
export function dotted(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
