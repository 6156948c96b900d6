// Fails when dist/ differs from a fresh build of src/: GitHub runs dist/index.js exactly as committed.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const build = run('npm', ['run', '-s', 'build']);
if (build.status !== 0) {
  console.error('check-dist: `npm run build` failed');
  process.exit(1);
}
const status = run('git', ['status', '--porcelain', '--', 'dist']);
if (status.status !== 0) {
  console.error('check-dist: git status failed');
  process.exit(1);
}
if (status.stdout.trim() !== '') {
  console.error(`check-dist: dist/ differs from a fresh build; commit the rebuilt files:\n${status.stdout}`);
  process.exit(1);
}
console.log('check-dist: dist/ is fresh');
