// Runs the fuzz suite (test/fuzz) longer than `npm test` does, and exits with vitest's code.
//
//   node scripts/fuzz.mjs                 FUZZ_RUNS=2000 (or the FUZZ_RUNS already set)
//   node scripts/fuzz.mjs 10000           another size
//   node scripts/fuzz.mjs 500 -t canary   extra arguments go to vitest
//   node scripts/fuzz.mjs --linear        only the linear-time check (test/fuzz/linear-time.ts)
//   node scripts/fuzz.mjs --no-linear     only the vitest suite
//
// After the suite, test/fuzz/linear-time.ts puts 40,000-character strings of each character class into
// every string position of a document and checks the CLI run stays within a small multiple of the same
// run with short strings, and that N servers × 2N endpoints grows linearly, in scan mode and in diff mode
// (N servers added, N schemes added to the global security) (it times, so it is not a test).
//
// A failure prints fast-check's seed and path; replay it with FUZZ_SEED=<seed> FUZZ_PATH=<path>.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const only = args.includes('--linear');
const skipLinear = args.includes('--no-linear');
for (const flag of ['--linear', '--no-linear']) if (args.includes(flag)) args.splice(args.indexOf(flag), 1);
const runs =
  args[0] !== undefined && /^\d+$/.test(args[0]) ? args.shift() : (process.env.FUZZ_RUNS ?? '2000');
if (args[0] === '--') args.shift();

let status = 0;
if (!only) {
  console.log(
    `api-posture fuzz: FUZZ_RUNS=${runs}${process.env.FUZZ_SEED ? ` FUZZ_SEED=${process.env.FUZZ_SEED}` : ''}`,
  );
  const result = spawnSync('npx', ['vitest', 'run', 'test/fuzz', ...args], {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: runs },
    shell: process.platform === 'win32',
  });
  if (result.error) {
    console.error(`api-posture fuzz: could not run vitest: ${result.error.message}`);
    process.exit(1);
  }
  status = result.status ?? 1;
}
if (!skipLinear) {
  console.log('api-posture fuzz: linear time (test/fuzz/linear-time.ts)');
  const linear = spawnSync(process.execPath, ['--import', 'tsx', 'test/fuzz/linear-time.ts'], {
    stdio: 'inherit',
  });
  if (linear.error)
    console.error(`api-posture fuzz: could not run the linear-time check: ${linear.error.message}`);
  if (linear.status !== 0) status ||= linear.status ?? 1;
}
process.exit(status);
