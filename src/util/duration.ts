/** Durations as the config and oauth2-proxy write them: a whole number of `h`, `m` or `s`. */

const UNIT = { h: 3600, m: 60, s: 1 } as const;

/** Seconds of `90s`, `45m`, `24h`; undefined for anything else. */
export function durationSeconds(duration: string): number | undefined {
  const m = /^(\d+)([hms])$/.exec(duration);
  return m ? Number(m[1]) * UNIT[m[2] as keyof typeof UNIT] : undefined;
}

/** The shortest exact form: 2700 → `45m`, 64800 → `18h`, 225 → `225s`. */
export function formatDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s > 0 && s % 3600 === 0) return `${s / 3600}h`;
  if (s > 0 && s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}
