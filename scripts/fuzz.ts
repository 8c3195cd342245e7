/**
 * The full fuzz run (`npm run fuzz`): 10,000 generated configs (half valid, half mutated) through
 * `kfgen build`, 1,000 malformed ResourceLists through `kfgen-fn` and 300 manifests with hostile
 * YAML through `kfgen lint`, in-process, plus a sample of configs and lists as a process. Prints the
 * counts, or each property's shrunk counterexample; exit 1 on a defect.
 *
 *   npm run fuzz -- [--configs N] [--lists N] [--manifests N] [--seed N]
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { hostileManifest, invalidConfig, malformedList, validConfig } from '../test/support/arbitraries.js';
import { Harness } from '../test/support/fuzz-harness.js';

const { values } = parseArgs({
  options: {
    configs: { type: 'string', default: '10000' },
    lists: { type: 'string', default: '1000' },
    manifests: { type: 'string', default: '300' },
    seed: { type: 'string' },
    processes: { type: 'string', default: '10' },
  },
});
const configs = Number(values.configs);
const lists = Number(values.lists);
const manifests = Number(values.manifests);
const processes = Number(values.processes);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
console.log(`kfgen fuzz: seed ${seed} (npm run fuzz -- --seed ${seed} replays this run)`);

const harness = new Harness();
const defects: string[] = [];

/** Runs one property; returns how many cases passed, and records the shrunk counterexample. */
async function run<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  numRuns: number,
  check: (x: T) => Promise<string | undefined>,
): Promise<number> {
  if (numRuns <= 0) return 0;
  const t0 = performance.now();
  const details = await fc.check(
    fc.asyncProperty(arb, async (x) => {
      const defect = await check(x);
      if (defect) throw new Error(defect);
    }),
    { seed, numRuns },
  );
  const seconds = ((performance.now() - t0) / 1000).toFixed(0);
  if (details.failed) {
    const shrunk = details.counterexample?.[0];
    const message =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    defects.push(
      [
        `${name}: defect after ${details.numRuns} cases (seed ${details.seed}, path ${details.counterexamplePath}):`,
        message,
        'shrunk counterexample:',
        JSON.stringify(shrunk, null, 2),
      ].join('\n'),
    );
    console.log(`  ${name}: DEFECT after ${details.numRuns} cases (${seconds} s)`);
    return details.numRuns - 1;
  }
  console.log(`  ${name}: ${numRuns} cases passed (${seconds} s)`);
  return numRuns;
}

const valid = Math.ceil(configs / 2);
const invalid = configs - valid;
const builtValid = await run('valid configs build', validConfig, valid - Math.min(processes, valid), (c) =>
  harness.config(c, { valid: true }),
);
const rejected = await run('invalid configs are rejected', invalidConfig, invalid - Math.min(processes, invalid), (c) =>
  harness.config(c, { valid: false }),
);
const rlists = await run(
  'malformed ResourceLists fail cleanly',
  malformedList,
  lists - Math.min(processes, lists),
  (l) => harness.list(l),
);
const linted = await run('hostile manifests are refused by kfgen lint', hostileManifest, manifests, (m) =>
  harness.manifest(m),
);
const pValid = await run('valid configs build (process)', validConfig, Math.min(processes, valid), (c) =>
  harness.config(c, { valid: true, process: true }),
);
const pInvalid = await run('invalid configs are rejected (process)', invalidConfig, Math.min(processes, invalid), (c) =>
  harness.config(c, { valid: false, process: true }),
);
const pLists = await run(
  'malformed ResourceLists fail cleanly (process)',
  malformedList,
  Math.min(processes, lists),
  (l) => harness.list(l, { process: true }),
);
harness.close();

const V = builtValid + pValid;
const I = rejected + pInvalid;
console.log(
  `${V + I} configs (${V} valid built, ${I} invalid rejected), ${rlists + pLists} ResourceLists, ${linted} manifests, ${defects.length} defects`,
);
for (const d of defects) console.log(`\n${d}`);
process.exitCode = defects.length ? 1 : 0;
