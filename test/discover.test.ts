import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSpecs, isRootDocumentText, looksLikeRootDocument } from '../src/load/discover.js';

const ROOTS: [string, string][] = [
  ['block YAML', 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\n'],
  ['block YAML after comments, a directive and ---', '# Payments\n%YAML 1.2\n---\nswagger: "2.0"\n'],
  ['block YAML with a quoted key', '"openapi": 3.1.0\n'],
  ['pretty JSON', '{\n  "openapi": "3.0.3",\n  "info": {}\n}\n'],
  ['pretty JSON with openapi after info', '{\n  "info": { "title": "t" },\n  "openapi": "3.0.3"\n}\n'],
  ['minified JSON', '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}'],
  [
    'minified JSON, openapi last',
    '{"info":{"title":"t","version":"1"},"paths":{"/a":{"get":{}}},"openapi":"3.1.0"}',
  ],
  ['JSON with a byte order mark', '\uFEFF{"swagger":"2.0"}'],
  ['flow-style YAML root', '{openapi: 3.0.3, info: {title: t, version: "1"}, paths: {}}\n'],
  ['flow-style YAML root after a comment', "# generated\n{ 'openapi': 3.1.0, paths: {} }\n"],
  ['block YAML indented by one space', ' info: { title: t }\n openapi: 3.0.3\n paths: {}\n'],
  ['block YAML after 70 KB of comments', `${'# padding\n'.repeat(7200)}openapi: 3.0.3\n`],
  ['block YAML with the key escaped', '"open\\x61pi": 3.0.3\n'],
  ['block YAML with a single-quoted key', "'swagger': '2.0'\n"],
  ['block YAML with an explicit key', '? openapi\n: 3.0.3\n'],
  ['block YAML with an anchored key, last', 'info: { title: t }\n&v openapi: 3.0.3\n'],
  ['block YAML with the key as an alias (not resolved: counted)', 'x-name: &n openapi\n*n : 3.0.3\n'],
  ['block YAML with a merge key (not resolved: counted)', 'x-base: &b { openapi: 3.0.3 }\n<<: *b\n'],
  ['block YAML, the key in the second document of a stream', 'title: x\n---\nopenapi: 3.0.3\n'],
  ['JSON with the key escaped', '{"info":{},"open\\u0061pi":"3.0.3"}'],
  ['JSON with openapi after 100 KB', `{"info":{"description":"${'x'.repeat(100_000)}"},"openapi":"3.0.3"}`],
  ['JSON with comments (the loader refuses it, and says why)', '// generated\n{"openapi": "3.0.3"}'],
  [
    'UTF-16 YAML with a byte-order mark, read as UTF-8',
    '\uFFFD\uFFFDo\0p\0e\0n\0a\0p\0i\0:\0 \x003\0.\x000\0\n\0',
  ],
];

const NOT_ROOTS: [string, string][] = [
  ['a schema fragment', 'type: object\nproperties:\n  openapi: { type: string }\n'],
  ['JSON with openapi only nested', '{"components":{"schemas":{"openapi":{"type":"string"}}}}'],
  ['JSON array', '[{"openapi":"3.0.3"}]'],
  ['a package.json', '{"name":"x","version":"1.0.0","scripts":{"openapi":"redocly bundle"}}'],
  ['flow-style YAML without the key first or quoted', '{info: {title: t}}\n'],
  ['empty', ''],
  ['YAML with openapi only nested', 'components:\n  openapi: 3.0.3\n'],
  ['YAML with openapi only in a value or a comment', '# openapi: 3.0.3\nname: openapi\n'],
  ['YAML with the key escaped to another name', '"open\\x41pi": 3.0.3\n'],
  ['a YAML sequence of roots', '- openapi: 3.0.3\n'],
  ['JSON with "openapi" only as a value', '{"generator":"openapi","spec":{"openapi":"3.0.3"}}'],
];

describe('isRootDocumentText', () => {
  it.each(ROOTS)('finds %s', (_name, text) => {
    expect(isRootDocumentText(text)).toBe(true);
  });
  it.each(NOT_ROOTS)('does not take %s', (_name, text) => {
    expect(isRootDocumentText(text)).toBe(false);
  });
  it('reads a JSON text cut off in the middle as far as it goes', () => {
    const text = `{"info":{"description":"${'x'.repeat(100)}"},"openapi":"3.0.3","paths":{"/a":{"get":{"summary":"cut`;
    expect(isRootDocumentText(text)).toBe(true);
  });
});

describe('discoverSpecs', () => {
  it('finds every kind of root in a workspace and nothing else', () => {
    const root = mkdtempSync(join(tmpdir(), 'api-posture-discover-'));
    try {
      const files = [...ROOTS, ...NOT_ROOTS].map(([name, text], i) => {
        const ext = text
          .trimStart()
          .replace(/^\uFEFF/, '')
          .startsWith('{"')
          ? 'json'
          : 'yaml';
        const path = `specs/${String(i).padStart(2, '0')}-${name.replace(/\W+/g, '-')}.${ext}`;
        mkdirSync(join(root, 'specs'), { recursive: true });
        writeFileSync(join(root, path), text);
        return path;
      });
      expect(discoverSpecs(root)).toEqual(files.slice(0, ROOTS.length));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('discoverSpecs and symlinks', () => {
  it('finds a symlink to a root inside the workspace under its own path, and never reads one leaving it', () => {
    const outside = mkdtempSync(join(tmpdir(), 'api-posture-outside-'));
    const root = mkdtempSync(join(tmpdir(), 'api-posture-discover-'));
    try {
      writeFileSync(join(outside, 'leaked.yaml'), 'openapi: 3.0.3\n');
      mkdirSync(join(root, 'api'));
      mkdirSync(join(root, 'vendor'));
      writeFileSync(join(root, 'vendor', 'real.yaml'), 'openapi: 3.0.3\n');
      symlinkSync('../vendor/real.yaml', join(root, 'api', 'linked.yaml'));
      symlinkSync(join(outside, 'leaked.yaml'), join(root, 'api', 'outside.yaml'));
      symlinkSync('missing.yaml', join(root, 'api', 'dangling.yaml'));
      symlinkSync('loop.yaml', join(root, 'api', 'loop.yaml'));
      expect(discoverSpecs(root)).toEqual(['api/linked.yaml']);
      expect(discoverSpecs(root, ['api/*.yaml'])).toEqual(['api/linked.yaml']);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('looksLikeRootDocument', () => {
  it('reads past the first 64 KB when they show no root key', () => {
    const root = mkdtempSync(join(tmpdir(), 'api-posture-discover-'));
    try {
      const file = join(root, 'late.yaml');
      writeFileSync(file, `${'# padding\n'.repeat(10_000)}openapi: 3.0.3\n`);
      expect(looksLikeRootDocument(file)).toBe(true);
      writeFileSync(file, `${'# padding\n'.repeat(10_000)}title: no\n`);
      expect(looksLikeRootDocument(file)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('sees the keys of a UTF-16 file with a byte-order mark', () => {
    const root = mkdtempSync(join(tmpdir(), 'api-posture-discover-'));
    try {
      const file = join(root, 'utf16.yaml');
      writeFileSync(file, Buffer.from('\uFEFFinfo: { title: t }\nopenapi: 3.0.3\n', 'utf16le'));
      expect(looksLikeRootDocument(file)).toBe(true);
      writeFileSync(file, Buffer.from('\uFEFFinfo: { title: t }\n', 'utf16le'));
      expect(looksLikeRootDocument(file)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
