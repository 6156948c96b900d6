#!/usr/bin/env node
// `npm run signal`: measures how much of what api-posture reports on real pull requests a security reviewer
// would act on. Each pair in test/signal/pairs.json is two published versions of a real API description;
// the pair is diffed as a PR (base -> head) with the bundled CLI (dist/cli/index.js, default settings) and
// its new findings are matched against test/signal/judgements.jsonl (TRUE / DEBATABLE / NOISE per finding).
// See docs/signal.md for the method and the baseline.
//
// The documents come from npm tarballs (`npm pack <pkg>@<version>`) cached in test/signal/cache/ (gitignored);
// each tarball is checked against the sha512 integrity recorded in pairs.json and each extracted file against
// its sha256. The first run needs the npm registry; later runs are offline. Not part of `npm test`.
// Plain Node ESM, no dependencies.
//
//   npm run signal                                 all pairs: per-pair table and totals
//   npm run signal -- --pair stripe-recent         one pair (repeatable)
//   npm run signal -- --fetch-only                 only download, verify and extract the documents
//   npm run signal -- --planted-only               only the planted regressions (test/signal/planted.json)
//   npm run signal -- --no-planted                 only the pairs
//   npm run signal -- --json out.json              also write the per-pair results as JSON
//   npm run signal -- --unjudged out.jsonl         write the new medium+ findings that have no judgement
//   npm run signal -- --unjudged out.jsonl --sample 300 --seed 16   ... only a seeded random sample of them
//   npm run signal -- --scores [--directory 200]   the head-score distribution per band (scripts/score-distribution.mjs)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip, gunzipSync } from 'node:zlib';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const signalDir = join(repoRoot, 'test', 'signal');
const cacheDir = join(signalDir, 'cache');
const tarballDir = join(cacheDir, 'tarballs');
const pairsDir = join(cacheDir, 'pairs');
const cli = join(repoRoot, 'dist', 'cli', 'index.js');
const shell = process.platform === 'win32';
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const MEDIUM_PLUS = new Set(['critical', 'high', 'medium']);
const VERDICTS = ['TRUE', 'DEBATABLE', 'NOISE'];

/** @param {string} message */
function fail(message) {
  console.error(`signal: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = {
    pairs: [],
    fetchOnly: false,
    plantedOnly: false,
    noPlanted: false,
    json: null,
    unjudged: null,
    sample: 0,
    seed: 16,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--pair') options.pairs.push(value());
    else if (arg === '--fetch-only') options.fetchOnly = true;
    else if (arg === '--planted-only') options.plantedOnly = true;
    else if (arg === '--no-planted') options.noPlanted = true;
    else if (arg === '--json') options.json = value();
    else if (arg === '--unjudged') options.unjudged = value();
    else if (arg === '--sample') options.sample = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else fail(`unknown argument ${arg} (see the header of scripts/signal.mjs)`);
  }
  return options;
}

// ---------- corpus: download, verify, extract ----------

/** npm pack's file name for a package at a version (`@scope/name` -> `scope-name-version.tgz`). */
function tarballName(pkg, version) {
  return `${pkg.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

function sha512Integrity(buffer) {
  return `sha512-${createHash('sha512').update(buffer).digest('base64')}`;
}

function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

function ensureTarball(spec, expected) {
  const at = spec.lastIndexOf('@');
  const file = join(tarballDir, tarballName(spec.slice(0, at), spec.slice(at + 1)));
  if (!existsSync(file)) {
    mkdirSync(tarballDir, { recursive: true });
    console.error(`signal: npm pack ${spec}`);
    const r = spawnSync('npm', ['pack', spec, '--pack-destination', tarballDir, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell,
    });
    if (r.status !== 0 || !existsSync(file)) fail(`\`npm pack ${spec}\` failed; the registry is needed once`);
  }
  const actual = sha512Integrity(readFileSync(file));
  if (actual !== expected.integrity) {
    fail(`${file} does not match the integrity in pairs.json (${actual}); delete it and re-run`);
  }
  return file;
}

/** Reads the wanted entries of a .tgz in one streaming pass (ustar, GNU long names and pax paths). */
async function extractEntries(tgzFile, wanted) {
  const found = new Map();
  let header = Buffer.alloc(0);
  let skip = 0;
  let body = null;
  let nextName = null;
  const finish = (entry) => {
    const data = Buffer.concat(entry.parts);
    if (entry.kind === 'L') nextName = data.toString('utf8').replace(/\0.*$/s, '');
    else if (entry.kind === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      if (match) nextName = match[1];
    } else found.set(entry.name, data);
  };
  const stream = createReadStream(tgzFile).pipe(createGunzip());
  for await (let chunk of stream) {
    while (chunk.length > 0) {
      if (body) {
        const n = Math.min(body.size - body.got, chunk.length);
        body.parts.push(chunk.subarray(0, n));
        body.got += n;
        chunk = chunk.subarray(n);
        if (body.got === body.size) {
          finish(body);
          skip = body.pad;
          body = null;
        }
        continue;
      }
      if (skip > 0) {
        const n = Math.min(skip, chunk.length);
        skip -= n;
        chunk = chunk.subarray(n);
        continue;
      }
      const n = Math.min(512 - header.length, chunk.length);
      header = Buffer.concat([header, chunk.subarray(0, n)]);
      chunk = chunk.subarray(n);
      if (header.length < 512) continue;
      const h = header;
      header = Buffer.alloc(0);
      if (h.every((b) => b === 0)) continue;
      const text = (from, to) => h.toString('utf8', from, to).replace(/\0.*$/s, '');
      const size = Number.parseInt(text(124, 136).trim() || '0', 8);
      const kind = String.fromCharCode(h[156]);
      const prefix = text(345, 500);
      const name = nextName ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
      const padded = Math.ceil(size / 512) * 512;
      const meta = kind === 'L' || kind === 'x';
      if (!meta) nextName = null;
      if (meta || wanted.has(name)) {
        const entry = { kind, name, size, got: 0, parts: [], pad: padded - size };
        if (size === 0) {
          finish(entry);
          skip = 0;
        } else body = entry;
      } else skip = padded;
    }
    if (!body && [...wanted].every((w) => found.has(w))) {
      stream.destroy();
      break;
    }
  }
  return found;
}

async function ensureCorpus(corpus, pairs) {
  const byTarball = new Map();
  for (const pair of pairs) {
    for (const side of ['base', 'head']) {
      const target = join(pairsDir, pair.id, side, pair.file);
      const ref = pair[side];
      const spec = `${ref.package}@${ref.version}`;
      if (existsSync(target) && sha256(readFileSync(target)) === ref.sha256) continue;
      if (!corpus.packages[spec])
        fail(`pairs.json: package ${spec} (pair ${pair.id}) is not under "packages"`);
      if (!byTarball.has(spec)) byTarball.set(spec, []);
      byTarball.get(spec).push({ pair, side, target });
    }
  }
  for (const [spec, jobs] of byTarball) {
    const tgz = ensureTarball(spec, corpus.packages[spec]);
    const wanted = new Set(jobs.map((j) => j.pair[j.side].path));
    const found = await extractEntries(tgz, wanted);
    for (const { pair, side, target } of jobs) {
      const ref = pair[side];
      let data = found.get(ref.path);
      if (!data) fail(`${spec} has no ${ref.path} (pair ${pair.id})`);
      if (ref.path.endsWith('.gz')) data = gunzipSync(data);
      const digest = sha256(data);
      if (ref.sha256 && digest !== ref.sha256) {
        fail(`${spec}:${ref.path} (pair ${pair.id}) has sha256 ${digest}, pairs.json says ${ref.sha256}`);
      }
      if (!ref.sha256) console.error(`signal: ${pair.id} ${side} sha256 ${digest} (not yet in pairs.json)`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
  }
}

// ---------- running the CLI ----------

function runCli(pair, format) {
  const cwd = join(pairsDir, pair.id);
  const args = [cli, 'diff', join('base', pair.file), join('head', pair.file), '--format', format];
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) {
    return { error: `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(0, 3).join(' | ')}` };
  }
  return { status: r.status, stdout: r.stdout };
}

/** Every finding of the report once (spec-level and per-endpoint lists overlap), keyed by rule + fingerprint. */
function allFindings(report) {
  const byKey = new Map();
  for (const spec of report.specs ?? []) {
    const lists = [spec.findings ?? [], ...(spec.endpoints ?? []).map((e) => e.findings ?? [])];
    for (const list of lists) {
      for (const f of list) {
        const key = `${f.ruleId}|${f.fingerprint}`;
        if (!byKey.has(key)) byKey.set(key, f);
      }
    }
  }
  return [...byKey.values()];
}

function loadJudgements() {
  const file = join(signalDir, 'judgements.jsonl');
  const byKey = new Map();
  if (!existsSync(file)) return byKey;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (!line.trim()) return;
      let j;
      try {
        j = JSON.parse(line);
      } catch (error) {
        fail(`test/signal/judgements.jsonl line ${index + 1}: not JSON (${error.message})`);
      }
      if (!VERDICTS.includes(j.verdict) || !j.pair || !j.fingerprint || !j.ruleId || !j.reason) {
        fail(
          `test/signal/judgements.jsonl line ${index + 1}: needs pair, ruleId, fingerprint, verdict, reason`,
        );
      }
      byKey.set(`${j.pair}|${j.ruleId}|${j.fingerprint}`, j);
    });
  return byKey;
}

/** `GET /items/{item_id}` and `GET /items/{}` name the same endpoint. */
const endpointKey = (id) => id.replace(/\{[^}]*\}/g, '{}');

function measurePair(pair, judgements) {
  const json = runCli(pair, 'json');
  if (json.error) return { id: pair.id, error: json.error };
  const markdown = runCli(pair, 'markdown');
  const report = JSON.parse(json.stdout);
  const comment = markdown.stdout ?? '';
  const findings = allFindings(report).filter((f) => f.status === 'new');
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  for (const f of findings) bySeverity[f.severity]++;
  const counts = { TRUE: 0, DEBATABLE: 0, NOISE: 0, unjudged: 0 };
  const bySet = {};
  const judged = [];
  const unjudged = [];
  const byRule = {};
  for (const f of findings.filter((x) => MEDIUM_PLUS.has(x.severity))) {
    const j = judgements.get(`${pair.id}|${f.ruleId}|${f.fingerprint}`);
    byRule[f.ruleId] ??= { TRUE: 0, DEBATABLE: 0, NOISE: 0, unjudged: 0 };
    byRule[f.ruleId][j ? j.verdict : 'unjudged']++;
    if (j) {
      counts[j.verdict]++;
      const set = j.set ?? 'unnamed';
      bySet[set] ??= { TRUE: 0, DEBATABLE: 0, NOISE: 0 };
      bySet[set][j.verdict]++;
      judged.push({ finding: f, judgement: j });
    } else {
      counts.unjudged++;
      unjudged.push(f);
    }
  }
  const trueFindings = judged.filter((x) => x.judgement.verdict === 'TRUE');
  // The comment names a finding by its fingerprint (suppression snippet) or its message, which Markdown
  // escaping may have changed (`long-lived` is written `long\-lived`).
  const plain = comment.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  const shown = (f) => comment.includes(f.fingerprint) || plain.includes(f.message);
  const violations = (report.violations ?? []).filter((v) => v.status === 'new');
  // A critical policy violation restates the facts of its endpoint one severity higher: it is a judged-true
  // critical when a new finding on that endpoint is judged TRUE (Box's lost authentication, for instance).
  const trueEndpoints = new Set();
  const isTrue = (f) => judgements.get(`${pair.id}|${f.ruleId}|${f.fingerprint}`)?.verdict === 'TRUE';
  for (const spec of report.specs ?? []) {
    for (const e of spec.endpoints ?? [])
      if ((e.findings ?? []).some((f) => f.status === 'new' && isTrue(f)))
        trueEndpoints.add(endpointKey(e.id));
    for (const f of spec.findings ?? [])
      if (f.status === 'new' && isTrue(f))
        for (const id of f.endpoints ?? []) trueEndpoints.add(endpointKey(id));
  }
  return {
    id: pair.id,
    blocked: report.blocked === true,
    newBySeverity: bySeverity,
    newMediumPlus: bySeverity.critical + bySeverity.high + bySeverity.medium,
    newViolations: violations.length,
    commentChars: comment.length,
    counts,
    bySet,
    byRule,
    trueCritical: trueFindings.filter((x) => x.finding.severity === 'critical').length,
    trueCriticalViolations: violations.filter(
      (v) => v.severity === 'critical' && v.endpoint && trueEndpoints.has(endpointKey(v.endpoint)),
    ).length,
    selected: pair.selected ? 'mined' : 'original',
    trueNotShown: trueFindings.filter((x) => !shown(x.finding)).map((x) => x.finding.fingerprint),
    unjudged,
    regressions: pair.regressions ?? [],
  };
}

// ---------- output ----------

function pct(part, whole) {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`;
}

function printTable(rows) {
  const head = ['pair', 'verdict', 'crit', 'high', 'med', 'viol', 'comment', 'TRUE', 'DEB', 'NOISE', 'unj'];
  const lines = rows.map((r) =>
    r.error
      ? [r.id, `ERROR ${r.error}`]
      : [
          r.id,
          r.blocked ? 'blocked' : 'passed',
          r.newBySeverity.critical,
          r.newBySeverity.high,
          r.newBySeverity.medium,
          r.newViolations,
          r.commentChars,
          r.counts.TRUE,
          r.counts.DEBATABLE,
          r.counts.NOISE,
          r.counts.unjudged,
        ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(fmt(head));
  for (const l of lines) console.log(l.length === 2 ? `${l[0].padEnd(widths[0])}  ${l[1]}` : fmt(l));
}

function printTotals(rows, seedNote) {
  const ok = rows.filter((r) => !r.error);
  const sum = (f) => ok.reduce((a, r) => a + f(r), 0);
  const t = sum((r) => r.counts.TRUE);
  const d = sum((r) => r.counts.DEBATABLE);
  const n = sum((r) => r.counts.NOISE);
  const u = sum((r) => r.counts.unjudged);
  const blocked = ok.filter((r) => r.blocked);
  const withRegression = ok.filter((r) => r.regressions.length > 0);
  const comments = ok.map((r) => r.commentChars).sort((a, b) => a - b);
  console.log('');
  console.log(`pairs: ${ok.length} measured, ${rows.length - ok.length} failed`);
  console.log(
    `pairs blocked: ${blocked.length} (with a judged-true critical finding: ${blocked.filter((r) => r.trueCritical > 0).length}; ` +
      `else with a critical policy violation on an endpoint with a judged-true finding: ${blocked.filter((r) => r.trueCritical === 0 && r.trueCriticalViolations > 0).length}; ` +
      `neither: ${
        blocked
          .filter((r) => r.trueCritical === 0 && !(r.trueCriticalViolations > 0))
          .map((r) => r.id)
          .join(', ') || 'none'
      })`,
  );
  console.log(
    `pairs holding a real security regression: ${withRegression.length} (blocked: ${withRegression.filter((r) => r.blocked).length}, with a judged-true finding: ${withRegression.filter((r) => r.counts.TRUE > 0).length})`,
  );
  console.log(
    `new findings: critical ${sum((r) => r.newBySeverity.critical)}, high ${sum((r) => r.newBySeverity.high)}, medium ${sum((r) => r.newBySeverity.medium)}, low ${sum((r) => r.newBySeverity.low)}, info ${sum((r) => r.newBySeverity.info)}`,
  );
  console.log(
    `new medium+ findings: ${sum((r) => r.newMediumPlus)}; new policy violations: ${sum((r) => r.newViolations)}`,
  );
  console.log(`judged: ${t + d + n} (TRUE ${t}, DEBATABLE ${d}, NOISE ${n}); unjudged: ${u}${seedNote}`);
  console.log(`precision (TRUE / judged): ${pct(t, t + d + n)}; TRUE or DEBATABLE: ${pct(t + d, t + d + n)}`);
  const sets = new Map();
  for (const r of ok) {
    for (const [set, c] of Object.entries(r.bySet)) {
      const total = sets.get(set) ?? { TRUE: 0, DEBATABLE: 0, NOISE: 0 };
      for (const v of VERDICTS) total[v] += c[v];
      sets.set(set, total);
    }
  }
  for (const [set, c] of sets) {
    const all = c.TRUE + c.DEBATABLE + c.NOISE;
    console.log(
      `  judgement set ${set}: ${all} judged, TRUE ${c.TRUE}, DEBATABLE ${c.DEBATABLE}, NOISE ${c.NOISE}; precision ${pct(c.TRUE, all)}, TRUE or DEBATABLE ${pct(c.TRUE + c.DEBATABLE, all)}`,
    );
  }
  const rules = new Map();
  for (const r of ok) {
    for (const [rule, c] of Object.entries(r.byRule ?? {})) {
      const total = rules.get(rule) ?? { TRUE: 0, DEBATABLE: 0, NOISE: 0, unjudged: 0 };
      for (const v of [...VERDICTS, 'unjudged']) total[v] += c[v];
      rules.set(rule, total);
    }
  }
  const ranked = [...rules].sort(
    (a, b) => Object.values(b[1]).reduce((x, y) => x + y, 0) - Object.values(a[1]).reduce((x, y) => x + y, 0),
  );
  for (const [rule, c] of ranked) {
    console.log(
      `  rule ${rule}: ${c.TRUE + c.DEBATABLE + c.NOISE + c.unjudged} new medium+ (TRUE ${c.TRUE}, DEBATABLE ${c.DEBATABLE}, NOISE ${c.NOISE}, unjudged ${c.unjudged})`,
    );
  }
  console.log(`judged-true findings not shown in the comment: ${sum((r) => r.trueNotShown.length)}`);
  if (comments.length > 0) {
    const median = comments[Math.floor(comments.length / 2)];
    console.log(
      `comment characters: median ${median}, max ${comments[comments.length - 1]}, total ${comments.reduce((a, b) => a + b, 0)}`,
    );
  }
}

/** Deterministic shuffle (mulberry32) so a sample can be re-drawn from its seed. */
function seededSample(items, size, seed) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, size);
}

// ---------- planted regressions on real documents ----------
// Each planted case takes the head document of a real pair as the base and plants one known security
// regression in a copy (the head). The case is caught when one of the expected rules reports a new finding.

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) if (item?.[method]) out.push({ path, method, op: item[method] });
  }
  return out;
}

function authenticated(doc, op) {
  const requirements = op.security ?? doc.security ?? [];
  return requirements.length > 0 && requirements.every((r) => Object.keys(r).length > 0);
}

function resolve(doc, node) {
  let current = node;
  for (let hops = 0; current?.$ref?.startsWith('#/') && hops < 20; hops++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((n, key) => n?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return current;
}

const firstJsonSchema = (doc, response) =>
  resolve(doc, resolve(doc, response)?.content?.['application/json']?.schema);

/** Each plant mutates the document and returns what it did, or null when the document has nothing to plant on. */
const PLANTS = {
  'remove-auth': (doc) => {
    const t = operations(doc).find((o) => o.method !== 'get' && authenticated(doc, o.op));
    if (!t) return null;
    t.op.security = [];
    return `${t.method.toUpperCase()} ${t.path}: security requirement removed`;
  },
  'unauthenticated-write': (doc) => {
    const t = operations(doc).find((o) => o.method === 'post' && authenticated(doc, o.op));
    if (!t) return null;
    const copy = { ...structuredClone(t.op), operationId: 'plantedUnauthenticatedWrite', security: [] };
    doc.paths['/planted/unauthenticated-write'] = { post: copy };
    return `POST /planted/unauthenticated-write added (copy of ${t.method.toUpperCase()} ${t.path}) with no security`;
  },
  'http-server': (doc) => {
    const url = doc.servers?.[0]?.url;
    if (!url?.startsWith('https://')) return null;
    doc.servers.push({ url: url.replace('https://', 'http://') });
    return `server ${url.replace('https://', 'http://')} added`;
  },
  'wildcard-cors': (doc) => {
    const t = operations(doc).find((o) => o.op.responses?.['200']);
    if (!t) return null;
    const response = resolve(doc, t.op.responses['200']);
    const header = { schema: { type: 'string', example: '*' } };
    t.op.responses['200'] = {
      ...response,
      headers: { ...response.headers, 'Access-Control-Allow-Origin': header },
    };
    return `${t.method.toUpperCase()} ${t.path}: 200 declares Access-Control-Allow-Origin: *`;
  },
  'apikey-in-query': (doc) => {
    const entry = Object.entries(doc.components?.securitySchemes ?? {}).find(
      ([, s]) => s.type === 'apiKey' && s.in === 'header',
    );
    if (!entry) return null;
    entry[1].in = 'query';
    return `security scheme ${entry[0]}: API key moved from a header to the query`;
  },
  'implicit-flow': (doc) => {
    const entry = Object.entries(doc.components?.securitySchemes ?? {}).find(
      ([, s]) => s.type === 'oauth2' && s.flows?.authorizationCode,
    );
    if (!entry) return null;
    const code = entry[1].flows.authorizationCode;
    entry[1].flows.implicit = { authorizationUrl: code.authorizationUrl, scopes: code.scopes ?? {} };
    return `security scheme ${entry[0]}: OAuth implicit flow added`;
  },
  'secret-example': (doc) => {
    for (const o of operations(doc)) {
      const index = (o.op.parameters ?? []).findIndex((p) => resolve(doc, p)?.schema?.type === 'string');
      if (index < 0) continue;
      const parameter = resolve(doc, o.op.parameters[index]);
      o.op.parameters[index] = { ...parameter, example: 'AKIAQ3EGRS5XWPLN7TZD' };
      return `${o.method.toUpperCase()} ${o.path}: parameter ${parameter.name} gets an AWS access key id as example`;
    }
    return null;
  },
  'sensitive-field': (doc) => {
    for (const o of operations(doc)) {
      if (!o.op.responses?.['200']) continue;
      const schema = firstJsonSchema(doc, o.op.responses['200']);
      if (!schema?.properties) continue;
      schema.properties.password = { type: 'string' };
      return `${o.method.toUpperCase()} ${o.path}: 200 response returns a new \`password\` field`;
    }
    return null;
  },
};

function measurePlanted(plants) {
  const rows = [];
  for (const plant of plants.cases) {
    const pair = plants.corpus.pairs.find((p) => p.id === plant.pair);
    const original = readFileSync(join(pairsDir, pair.id, 'head', pair.file), 'utf8').replace(/^\uFEFF/, '');
    for (const [name, expected] of Object.entries(plants.expect)) {
      const id = `${plant.pair}+${name}`;
      const doc = JSON.parse(original);
      const what = PLANTS[name](doc);
      if (!what) {
        rows.push({ id, applicable: false });
        continue;
      }
      const dir = join(cacheDir, 'planted', id);
      mkdirSync(join(dir, 'base'), { recursive: true });
      mkdirSync(join(dir, 'head'), { recursive: true });
      writeFileSync(join(dir, 'base', pair.file), original);
      writeFileSync(join(dir, 'head', pair.file), JSON.stringify(doc, null, 2));
      const args = [cli, 'diff', join('base', pair.file), join('head', pair.file), '--format', 'json'];
      const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
      if (r.status !== 0 && r.status !== 1) {
        rows.push({ id, applicable: true, what, error: `exit ${r.status}` });
        continue;
      }
      const report = JSON.parse(r.stdout);
      const hits = allFindings(report).filter((f) => f.status === 'new' && expected.includes(f.ruleId));
      rows.push({
        id,
        applicable: true,
        what,
        caught: hits.length > 0,
        found: [...new Set(hits.map((f) => `${f.ruleId} (${f.severity})`))].join(', '),
        blocked: report.blocked === true,
      });
    }
  }
  console.log('');
  console.log(
    'planted regressions (base = a real head document, head = the same with one regression planted):',
  );
  for (const r of rows) {
    if (!r.applicable) console.log(`  ${r.id}: not applicable to this document`);
    else if (r.error) console.log(`  ${r.id}: ERROR ${r.error}`);
    else {
      const verdict = r.caught ? `caught: ${r.found}` : 'MISSED';
      console.log(`  ${r.id}: ${verdict}; ${r.blocked ? 'blocked' : 'passed'} — ${r.what}`);
    }
  }
  const applied = rows.filter((r) => r.applicable && !r.error);
  console.log(
    `planted: ${applied.length} applied, ${applied.filter((r) => r.caught).length} caught, ${applied.filter((r) => r.blocked).length} blocked`,
  );
}

// ---------- main ----------

// `--scores`: the head-score distribution instead (scripts/score-distribution.mjs reads the other arguments).
if (process.argv.includes('--scores')) {
  await import('./score-distribution.mjs');
  process.exit(0);
}
const options = parseArgs(process.argv.slice(2));
const corpus = JSON.parse(readFileSync(join(signalDir, 'pairs.json'), 'utf8'));
const unknown = options.pairs.filter((id) => !corpus.pairs.some((p) => p.id === id));
if (unknown.length > 0) fail(`no pair named ${unknown.join(', ')} in test/signal/pairs.json`);
const pairs =
  options.pairs.length > 0 ? corpus.pairs.filter((p) => options.pairs.includes(p.id)) : corpus.pairs;

const plants = { ...JSON.parse(readFileSync(join(signalDir, 'planted.json'), 'utf8')), corpus };
const plantPairs = corpus.pairs.filter((p) => plants.cases.some((c) => c.pair === p.id));
await ensureCorpus(corpus, [...new Set([...pairs, ...(options.noPlanted ? [] : plantPairs)])]);
if (options.fetchOnly) {
  console.log(`signal: ${pairs.length} pairs ready in ${join('test', 'signal', 'cache', 'pairs')}`);
  process.exit(0);
}
if (!existsSync(cli)) fail('dist/cli/index.js is missing: run `npm run build` first');

if (options.plantedOnly) {
  measurePlanted(plants);
  process.exit(0);
}
const judgements = loadJudgements();
const rows = [];
for (const pair of pairs) {
  process.stderr.write(`signal: ${pair.id}\n`);
  rows.push(measurePair(pair, judgements));
}
printTable(rows);
const seedNote =
  options.unjudged && options.sample > 0
    ? ` (sample of ${options.sample} written with seed ${options.seed})`
    : '';
printTotals(rows, seedNote);
// The mined pairs were chosen because they hold a regression: their precision leans towards TRUE, so the
// original pairs (published releases, unselected) are also totalled on their own.
const original = rows.filter((r) => r.error || r.selected === 'original');
if (original.length > 0 && original.length < rows.length) {
  console.log('\noriginal pairs only (not chosen for a regression):');
  printTotals(original, '');
  console.log('\nmined pairs only (each chosen because it holds a real regression):');
  printTotals(
    rows.filter((r) => !r.error && r.selected === 'mined'),
    '',
  );
}
if (!options.noPlanted) measurePlanted(plants);

if (options.unjudged) {
  let open = rows.flatMap((r) =>
    (r.unjudged ?? []).map((f) => ({
      pair: r.id,
      ruleId: f.ruleId,
      fingerprint: f.fingerprint,
      severity: f.severity,
      endpoints: f.endpoints,
      message: f.message,
      pointer: f.location?.pointer,
    })),
  );
  if (options.sample > 0) open = seededSample(open, options.sample, options.seed);
  writeFileSync(options.unjudged, `${open.map((o) => JSON.stringify(o)).join('\n')}\n`);
  console.error(`signal: ${open.length} unjudged findings written to ${options.unjudged}`);
}
if (options.json) {
  const out = rows.map(({ unjudged, ...rest }) => ({ ...rest, unjudged: unjudged?.length ?? 0 }));
  writeFileSync(options.json, `${JSON.stringify(out, null, 2)}\n`);
}
// Leftover pair folders from renamed pairs are harmless; list them so they can be deleted.
if (existsSync(pairsDir)) {
  const stale = readdirSync(pairsDir).filter((d) => !corpus.pairs.some((p) => p.id === d));
  if (stale.length > 0)
    console.error(`signal: stale folders in test/signal/cache/pairs: ${stale.join(', ')}`);
}
