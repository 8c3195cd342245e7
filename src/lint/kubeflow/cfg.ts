/** oauth2-proxy's cfg file (TOML subset): `key = value`, strings, booleans, numbers, string lists. */
export interface CfgEntry {
  value: unknown;
  /** 0-based line inside the cfg text. */
  line: number;
}

function parseValue(raw: string): unknown {
  const v = raw.trim();
  if (v.startsWith('[')) {
    const items = v.slice(1, v.lastIndexOf(']')).match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^,\s]+/g) ?? [];
    return items.map((i) => parseValue(i));
  }
  if (v.startsWith('"')) {
    try {
      return JSON.parse(v.slice(0, v.lastIndexOf('"') + 1));
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.startsWith("'")) return v.slice(1, v.indexOf("'", 1));
  const bare = v.replace(/\s+#.*$/, '');
  if (bare === 'true' || bare === 'false') return bare === 'true';
  if (/^-?\d+(\.\d+)?$/.test(bare)) return Number(bare);
  return bare;
}

export function parseCfg(text: string): Map<string, CfgEntry> {
  const out = new Map<string, CfgEntry>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^\s*([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let raw = m[2]!;
    const start = i;
    // lists may span lines
    if (raw.trim().startsWith('[') && !raw.includes(']')) {
      while (i + 1 < lines.length && !raw.includes(']')) raw += ' ' + lines[++i];
    }
    out.set(m[1]!, { value: parseValue(raw), line: start });
  }
  return out;
}
