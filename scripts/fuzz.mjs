// Runs the fuzz suite (test/fuzz) longer than `npm test` does, and exits with vitest's code.
//
//   node scripts/fuzz.mjs                 FUZZ_RUNS=2000 (or the FUZZ_RUNS already set)
//   node scripts/fuzz.mjs 10000           another size
//   node scripts/fuzz.mjs 500 -t canary   extra arguments go to vitest
//
// A failure prints fast-check's seed and path; replay it with FUZZ_SEED=<seed> FUZZ_PATH=<path>.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const runs =
  args[0] !== undefined && /^\d+$/.test(args[0]) ? args.shift() : (process.env.FUZZ_RUNS ?? '2000');
if (args[0] === '--') args.shift();

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
process.exit(result.status ?? 1);
