#!/usr/bin/env node
// Installs the real-document test corpus (test/corpus, about 1.4 GB on disk) on demand.
//
// The corpus is deliberately kept out of the product's own `npm ci`: it lives in its own package
// (test/corpus/package.json + package-lock.json) and is installed here, before vitest runs.
// If test/corpus/node_modules/.package-lock.json (npm's hidden lockfile, written at the end of every
// install) exists and is not older than test/corpus/package-lock.json, this does nothing.
// Plain Node ESM, no dependencies.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpusRoot = join(repoRoot, 'test', 'corpus');
const lockfile = join(corpusRoot, 'package-lock.json');
const hiddenLockfile = join(corpusRoot, 'node_modules', '.package-lock.json');

/** @param {string} message */
function fail(message) {
  console.error(`ensure-corpus: ${message}`);
  process.exit(1);
}

if (!existsSync(lockfile)) {
  fail(`${relative(repoRoot, lockfile)} is missing; cannot install the test corpus.`);
}

const lockMtime = statSync(lockfile).mtimeMs;
const installedMtime = existsSync(hiddenLockfile) ? statSync(hiddenLockfile).mtimeMs : -1;

if (installedMtime >= lockMtime) {
  process.exit(0);
}

console.error('ensure-corpus: installing the test corpus in test/corpus (npm ci, about 1.4 GB on disk)...');
const args = ['ci', '--no-audit', '--no-fund', '--ignore-scripts'];
const result = spawnSync('npm', args, {
  cwd: corpusRoot,
  stdio: 'inherit',
  // npm is a .cmd shim on Windows, which spawnSync can only run through a shell.
  shell: process.platform === 'win32',
});

if (result.error) {
  fail(`could not run \`npm ${args.join(' ')}\` in test/corpus: ${result.error.message}`);
}
if (result.status !== 0) {
  const how = result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
  fail(`\`npm ${args.join(' ')}\` in test/corpus failed (${how}); the corpus tests cannot run without it.`);
}
