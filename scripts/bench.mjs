// Placeholder until the benchmark issue: times the full diff of the bundled examples once.
import { spawnSync } from 'node:child_process';

const started = process.hrtime.bigint();
const result = spawnSync(
  process.execPath,
  [
    'dist/cli/index.js',
    'diff',
    'examples/base/payments.yaml',
    'examples/head/payments.yaml',
    '--format',
    'json',
  ],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(
  `examples diff: ${ms.toFixed(0)} ms (exit ${result.status}); the full benchmark suite is not built yet.`,
);
