#!/usr/bin/env node
// `npm run bench`: installs the peers (bench/, its own lockfile) when missing, ensures the test corpus,
// then runs bench/run.mjs with this script's arguments. Builds nothing: the committed dist/ is measured.
// Plain Node ESM, no dependencies.
//
//   npm run bench               full run (median of 5 runs after a warm-up, peers, 1x..8x)
//   npm run bench -- --quick    1 run per case, no peers, no 8x
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(repoRoot, 'bench');
const shell = process.platform === 'win32';
const args = process.argv.slice(2);
const wantsPeers = !args.includes('--quick') && !args.includes('--no-peers');

if (wantsPeers && !existsSync(join(benchDir, 'node_modules', '.package-lock.json'))) {
  console.error('bench: installing the peers in bench/ (npm ci)...');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: benchDir,
    stdio: 'inherit',
    shell,
  });
  if (r.status !== 0) {
    console.error(
      'bench: `npm ci` in bench/ failed; peers missing from bench/node_modules will be reported as "not installed".',
    );
  }
}

const corpus = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'ensure-corpus.mjs')], {
  stdio: 'inherit',
});
if (corpus.status !== 0) process.exit(corpus.status ?? 1);

const run = spawnSync(process.execPath, [join(benchDir, 'run.mjs'), ...args], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
