#!/usr/bin/env node
// Time and peak memory of `api-posture scan` on hostile documents at each default limit (SPEC §11):
// whole processes of the committed dist/cli, one run each, peak RSS from GNU time. Measurement only.
//
//   node bench/limits.mjs

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repoRoot, 'dist', 'cli', 'index.js');
const work = mkdtempSync(join(tmpdir(), 'api-posture-limits-'));
const haveTime = existsSync('/usr/bin/time');

const head = `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"servers":[{"url":"https://api.example.com"}]`;
const operation = (i) =>
  `"/r${i}":{"get":{"operationId":"op${i}","summary":"s","parameters":[{"name":"q","in":"query","schema":{"type":"string","maxLength":10}}],"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"object","properties":{"id":{"type":"string","maxLength":36},"name":{"type":"string","maxLength":100}}}}}}}}}`;
const opsDoc = (n) => `${head},"paths":{${Array.from({ length: n }, (_, i) => operation(i)).join(',')}}}`;

/** Files for each case: [name, what hits the limit, files (path -> text), root]. */
function cases() {
  const out = [];
  // maxFileBytes (64 MiB): one document just over it is not parsed; one just under it is analysed.
  const limit = 64 * 2 ** 20;
  let n = 100_000;
  for (let i = 0; i < 3; i++) n = Math.floor((n * (limit - 100_000)) / Buffer.byteLength(opsDoc(n)));
  const under = opsDoc(n);
  const over = opsDoc(n + 2000);
  const mib = (text) => (Buffer.byteLength(text) / 2 ** 20).toFixed(1);
  out.push([`maxFileBytes: a ${mib(under)} MiB document (analysed)`, { 'big.json': under }, 'big.json']);
  out.push([`maxFileBytes: a ${mib(over)} MiB document (refused)`, { 'big.json': over }, 'big.json']);
  // maxEndpoints (20,000): 25,000 operations, the first 20,000 analysed.
  out.push(['maxEndpoints: 25,000 operations', { 'many.json': opsDoc(25_000) }, 'many.json']);
  // maxFiles (1,000): 1,500 path items, each in its own file.
  const files = {
    'openapi.yaml': `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n${Array.from({ length: 1500 }, (_, i) => `  /r${i}:\n    $ref: 'paths/r${i}.yaml'\n`).join('')}`,
  };
  for (let i = 0; i < 1500; i++) files[`paths/r${i}.yaml`] = `get:\n  summary: s\n  responses: { '200': { description: ok } }\n`;
  out.push(['maxFiles: 1,500 files through $refs', files, 'openapi.yaml']);
  // maxAliasCount (1,000): billion laughs, 9 levels of 9 aliases (9^9 nodes if expanded).
  const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    lol.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  }
  out.push([
    'maxAliasCount: YAML billion laughs',
    { 'bomb.yaml': `openapi: 3.0.3\ninfo: { title: t, version: '1' }\nx-bomb:\n  ${lol.join('\n  ')}\npaths: {}\n` },
    'bomb.yaml',
  ]);
  // Nesting: no configurable limit; 1,000,000 nested arrays in JSON and a schema 10,000 levels deep.
  const deep = 1_000_000;
  out.push([
    'nesting: 1,000,000 nested JSON arrays',
    { 'deep.json': `${head},"paths":{},"x-deep":${'['.repeat(deep)}${']'.repeat(deep)}}` },
    'deep.json',
  ]);
  let schema = '{"type":"string"}';
  for (let i = 0; i < 10_000; i++) schema = `{"type":"object","properties":{"p":${schema}}}`;
  out.push([
    'nesting: a schema 10,000 levels deep',
    {
      'deep-schema.json': `${head},"paths":{"/a":{"post":{"requestBody":{"content":{"application/json":{"schema":${schema}}}},"responses":{"200":{"description":"ok"}}}}}}`,
    },
    'deep-schema.json',
  ]);
  // Long lists (no knob): more items than a call takes as arguments, and per-item work that must stay linear.
  const N = 200_000;
  const post = (content) =>
    `${head},"paths":{"/a":{"post":{"requestBody":{"content":{"application/json":${content}}},"responses":{"200":{"description":"ok"}}}}}}`;
  const examples = Array.from({ length: N }, (_, i) => `"e${i}":{"value":"v${i}"}`).join(',');
  out.push(['lists: an examples map of 200,000 entries', { 'examples.json': post(`{"examples":{${examples}}}`) }, 'examples.json']);
  const secretProperties = Array.from({ length: N / 2 }, (_, i) => `"p${i}":{"type":"string","example":"AKIAZXCVBNMQWERTY${String(i).padStart(6, '0').slice(-3)}"}`).join(',');
  out.push([
    'lists: 100,000 properties, each with a key-like example',
    { 'properties.json': post(`{"schema":{"type":"object","properties":{${secretProperties}}}}`) },
    'properties.json',
  ]);
  return out;
}

const rows = [];
for (const [name, files, root] of cases()) {
  const dir = join(work, String(rows.length));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const rss = join(work, 'rss');
  const started = process.hrtime.bigint();
  const args = [cli, 'scan', root, '--format', 'json', '-o', join(work, 'report.json'), '--fail-on', 'none'];
  const r = haveTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', rss, process.execPath, ...args], { cwd: dir, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mib = haveTime ? Number(readFileSync(rss, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  let said = '';
  if (r.status === 0) {
    const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8'));
    const spec = report.specs[0];
    const limit = [...spec.findings, ...report.errors].find((f) => /limit|alias|deeper|nest/i.test(f.message));
    said = `${spec.endpoints.length} endpoints; ${limit ? limit.message.slice(0, 90) : `${report.errors.length} errors`}`;
  } else said = `exit ${r.status}: ${(r.stderr || '').trim().split('\n').pop()}`;
  rows.push([name, seconds.toFixed(2), Number.isFinite(mib) ? mib.toFixed(0) : '-', said]);
  process.stderr.write(`${name}: ${seconds.toFixed(2)} s, ${mib.toFixed(0)} MiB — ${said}\n`);
  rmSync(dir, { recursive: true, force: true });
}
rmSync(work, { recursive: true, force: true });

console.log('\n| case | wall (s) | peak MiB | result |\n|:--|--:|--:|:--|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
