/** vCPU and memory (GiB) of an EC2 instance type, derived from its size and family; undefined when unknown. */
const SIZE_CPU: Record<string, number> = {
  medium: 2,
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
  '8xlarge': 32,
  '12xlarge': 48,
  '16xlarge': 64,
  '24xlarge': 96,
};
const GIB_PER_CPU: Record<string, number> = { m: 4, t: 4, c: 2, r: 8, g: 4, x: 16, z: 8, i: 8, p: 7.6 };
const SMALL: Record<string, [number, number]> = { nano: [2, 0.5], micro: [2, 1], small: [2, 2], medium: [2, 4] };

export function instanceCapacity(type: string): { cpu: number; memGiB: number } | undefined {
  const m = /^([a-z])[a-z0-9-]*\.([a-z0-9]+)$/.exec(type);
  if (!m) return undefined;
  const [, family, size] = m as unknown as [string, string, string];
  if (family === 't' && size in SMALL) return { cpu: SMALL[size]![0], memGiB: SMALL[size]![1] };
  const cpu = SIZE_CPU[size];
  const ratio = GIB_PER_CPU[family];
  if (!cpu || !ratio) return undefined;
  return { cpu, memGiB: cpu * ratio };
}
