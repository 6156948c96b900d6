// `npm run demo`: the PR check on the bundled example pair, as a reviewer would see it in a terminal.
// Exit code 1 (blocked) is the demo working, so only a usage/internal error (2) fails the script.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/cli/index.js')) {
  console.error('dist/cli/index.js is missing: run `npm run build` first.');
  process.exit(2);
}
const args = [
  'dist/cli/index.js',
  'diff',
  'examples/base/payments.yaml',
  'examples/head/payments.yaml',
  ...process.argv.slice(2),
];
console.log(`$ node ${args.join(' ')}\n`);
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status === 1 ? 0 : (result.status ?? 2));
