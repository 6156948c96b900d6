import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSpecs, isRootDocumentText } from '../src/load/discover.js';

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
];

const NOT_ROOTS: [string, string][] = [
  ['a schema fragment', 'type: object\nproperties:\n  openapi: { type: string }\n'],
  ['JSON with openapi only nested', '{"components":{"schemas":{"openapi":{"type":"string"}}}}'],
  ['JSON array', '[{"openapi":"3.0.3"}]'],
  ['a package.json', '{"name":"x","version":"1.0.0","scripts":{"openapi":"redocly bundle"}}'],
  ['flow-style YAML without the key first or quoted', '{info: {title: t}}\n'],
  ['empty', ''],
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
