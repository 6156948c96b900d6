import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { specFiles } from '../src/load/files.js';
import { jsonTextOf, scanJson } from '../src/load/json-scan.js';
import { type FileReader, fsReader, gitReader } from '../src/load/reader.js';
import type { SpecProblem } from '../src/model.js';
import { loadSpec } from '../src/normalize/spec.js';
import { loadInline, memoryReader, outdent } from './helpers/inline.js';

/** Line and column of a pointer in one of the loaded files. */
function positionOf(files: Record<string, string>, root: string, file: string, pointer: string) {
  const loaded = loadInline(files, root).files.find((f) => f.path === file);
  if (!loaded) throw new Error(`${file} was not loaded`);
  const { line, column } = loaded.position(pointer);
  return { line, column };
}

/** A problem as the tests pin it: kind, file, pointer, and line/column when the parser gave them. */
function summary(p: SpecProblem) {
  return {
    kind: p.kind,
    file: p.loc.file,
    pointer: p.loc.pointer,
    ...(p.line !== undefined ? { line: p.line, column: p.column } : {}),
  };
}

const YAML_DOC = outdent(`
  openapi: 3.0.3
  info:
    title: Users
    version: '1'
  paths:
    /users/{id}:
      get:
        parameters:
          - name: id
            in: path
            required: true
          - name: verbose
            in: query
        responses:
          '200':
            description: ok
  tags: [a, b]
`);

const JSON_DOC = `{
  "openapi": "3.0.3",
  "info": {
    "title": "Users",
    "version": "1"
  },
  "paths": {
    "/users/{id}": {
      "get": {
        "parameters": [
          { "name": "id", "in": "path", "required": true },
          {
            "name": "verbose",
            "in": "query"
          }
        ],
        "responses": { "200": { "description": "ok" } }
      }
    }
  }
}
`;

describe('positions: JSON pointer → line/column', () => {
  const GET = '/paths/~1users~1{id}/get';
  const rows: { name: string; file: string; text: string; pointer: string; line: number; column: number }[] =
    [
      { name: 'YAML root', file: 'openapi.yaml', text: YAML_DOC, pointer: '', line: 1, column: 1 },
      {
        name: 'YAML top-level key',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: '/info',
        line: 2,
        column: 1,
      },
      {
        name: 'YAML scalar is reported at its key',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: '/info/title',
        line: 3,
        column: 3,
      },
      {
        name: 'YAML path with escaped slashes',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: '/paths/~1users~1{id}',
        line: 6,
        column: 3,
      },
      { name: 'YAML operation', file: 'openapi.yaml', text: YAML_DOC, pointer: GET, line: 7, column: 5 },
      {
        name: 'YAML array item',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: `${GET}/parameters/1`,
        line: 12,
        column: 11,
      },
      {
        name: 'YAML key inside an array item',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: `${GET}/parameters/1/in`,
        line: 13,
        column: 11,
      },
      {
        name: 'YAML quoted status key',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: `${GET}/responses/200`,
        line: 15,
        column: 9,
      },
      {
        name: 'YAML flow sequence item',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: '/tags/1',
        line: 17,
        column: 11,
      },
      {
        name: 'YAML missing key falls back to the deepest existing node',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: `${GET}/requestBody/content`,
        line: 7,
        column: 5,
      },
      {
        name: 'YAML missing array index falls back to the array',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: `${GET}/parameters/7/name`,
        line: 8,
        column: 7,
      },
      {
        name: 'YAML pointer through a scalar stops at it',
        file: 'openapi.yaml',
        text: YAML_DOC,
        pointer: '/info/title/x',
        line: 3,
        column: 3,
      },
      {
        name: 'YAML with CRLF line ends',
        file: 'openapi.yaml',
        text: 'openapi: 3.0.3\r\ninfo:\r\n  title: a\r\npaths: {}\r\n',
        pointer: '/info/title',
        line: 3,
        column: 3,
      },
      { name: 'JSON root', file: 'openapi.json', text: JSON_DOC, pointer: '', line: 1, column: 1 },
      {
        name: 'JSON key is reported at its key',
        file: 'openapi.json',
        text: JSON_DOC,
        pointer: '/info/title',
        line: 4,
        column: 5,
      },
      { name: 'JSON operation', file: 'openapi.json', text: JSON_DOC, pointer: GET, line: 9, column: 7 },
      {
        name: 'JSON array item on one line',
        file: 'openapi.json',
        text: JSON_DOC,
        pointer: `${GET}/parameters/0`,
        line: 11,
        column: 11,
      },
      {
        name: 'JSON key in a one-line item',
        file: 'openapi.json',
        text: JSON_DOC,
        pointer: `${GET}/parameters/0/in`,
        line: 11,
        column: 27,
      },
      {
        name: 'JSON multi-line array item',
        file: 'openapi.json',
        text: JSON_DOC,
        pointer: `${GET}/parameters/1`,
        line: 12,
        column: 11,
      },
      {
        name: 'JSON key in a multi-line item',
        file: 'openapi.json',
        text: JSON_DOC,
        pointer: `${GET}/parameters/1/in`,
        line: 14,
        column: 13,
      },
      {
        name: 'JSON missing key falls back to the deepest existing node',
        file: 'openapi.json',
        text: JSON_DOC,
        pointer: `${GET}/responses/404/description`,
        line: 17,
        column: 9,
      },
      {
        name: 'JSON missing array index falls back to the array',
        file: 'openapi.json',
        text: JSON_DOC,
        pointer: `${GET}/parameters/9`,
        line: 10,
        column: 9,
      },
      {
        name: 'JSON with a byte-order mark',
        file: 'openapi.json',
        text: `\uFEFF${JSON_DOC}`,
        pointer: '/info/title',
        line: 4,
        column: 5,
      },
    ];

  it.each(rows)('$name', ({ file, text, pointer, line, column }) => {
    const spec = loadInline({ [file]: text }, file);
    expect(spec.problems).toEqual([]);
    expect(spec.files[0]?.format).toBe(file.endsWith('.json') ? 'json' : 'yaml');
    expect(spec.files[0]?.position(pointer)).toEqual({ file, pointer, line, column });
  });

  it('positions in a `$ref`d file are in that file', () => {
    const files = {
      'openapi.yaml': outdent(`
        openapi: 3.0.3
        paths:
          /a:
            $ref: './paths/a.yaml'
      `),
      'paths/a.yaml': outdent(`
        get:
          responses:
            '204':
              description: none
      `),
    };
    const spec = loadInline(files);
    expect(spec.model?.endpoints[0]?.loc).toEqual({ file: 'paths/a.yaml', pointer: '/get' });
    expect(positionOf(files, 'openapi.yaml', 'paths/a.yaml', '/get/responses/204/description')).toEqual({
      line: 4,
      column: 7,
    });
  });
});

describe('parse problems', () => {
  const rows: { name: string; file: string; text: string; expect: ReturnType<typeof summary>[] }[] = [
    {
      name: 'YAML: unclosed flow sequence',
      file: 'openapi.yaml',
      text: 'openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1\n',
      expect: [{ kind: 'parse', file: 'openapi.yaml', pointer: '', line: 4, column: 3 }],
    },
    {
      name: 'YAML: tab indentation',
      file: 'openapi.yaml',
      text: 'openapi: 3.0.3\ninfo:\n\ttitle: a\n',
      expect: [{ kind: 'parse', file: 'openapi.yaml', pointer: '', line: 3, column: 1 }],
    },
    {
      name: 'YAML: two documents in one file',
      file: 'openapi.yaml',
      text: 'openapi: 3.0.3\n---\npaths: {}\n',
      expect: [{ kind: 'parse', file: 'openapi.yaml', pointer: '', line: 2, column: 1 }],
    },
    {
      name: 'JSON: trailing comma',
      file: 'openapi.json',
      text: '{\n  "openapi": "3.0.3",\n  "tags": [1, 2,]\n}\n',
      expect: [{ kind: 'parse', file: 'openapi.json', pointer: '', line: 3, column: 17 }],
    },
    {
      name: 'JSON: missing colon',
      file: 'openapi.json',
      text: '{\n  "openapi": "3.0.3",\n  "paths" {}\n}\n',
      expect: [{ kind: 'parse', file: 'openapi.json', pointer: '', line: 3, column: 11 }],
    },
    {
      name: 'JSON: unterminated object',
      file: 'openapi.json',
      text: '{\n  "openapi": "3.0.3",\n  "paths": {\n',
      expect: [{ kind: 'parse', file: 'openapi.json', pointer: '', line: 4, column: 1 }],
    },
  ];

  it.each(rows)('$name', ({ file, text, expect: expected }) => {
    const spec = loadInline({ [file]: text }, file);
    expect(spec.exists).toBe(true);
    expect(spec.model).toBeUndefined();
    expect(spec.problems.map(summary)).toEqual(expected);
    for (const p of spec.problems)
      expect(p.message).toMatch(file.endsWith('.json') ? /^invalid JSON: / : /^invalid YAML: /);
  });

  it('a JSON-looking .yaml file that is not JSON is parsed as YAML', () => {
    const spec = loadInline('{ openapi: 3.0.3, paths: {} }\n');
    expect(spec.problems).toEqual([]);
    expect(spec.files[0]?.format).toBe('yaml');
    expect(spec.model?.openapiVersion).toBe('3.0.3');
  });

  it('an unparsable `$ref`d file is reported in that file; the rest still loads', () => {
    const spec = loadInline({
      'openapi.yaml': outdent(`
        openapi: 3.0.3
        paths:
          /a:
            $ref: './a.json'
          /b:
            get:
              responses: {}
      `),
      'a.json': '{\n  "get": {\n    "responses": {,}\n  }\n}\n',
    });
    expect(spec.problems.map(summary)).toEqual([
      { kind: 'parse', file: 'a.json', pointer: '', line: 3, column: 19 },
    ]);
    expect(spec.model?.endpoints.map((e) => e.id)).toEqual(['GET /b']);
  });
});

describe('document kind and version', () => {
  const rows: {
    name: string;
    file?: string;
    text: string;
    version?: string;
    expect: ReturnType<typeof summary>[];
  }[] = [
    { name: 'openapi 3.0.3', text: 'openapi: 3.0.3\npaths: {}\n', version: '3.0.3', expect: [] },
    {
      name: 'unquoted `openapi: 3.0` is a YAML number',
      text: 'openapi: 3.0\npaths: {}\n',
      version: '3.0',
      expect: [],
    },
    { name: 'unquoted `openapi: 3.1`', text: 'openapi: 3.1\npaths: {}\n', version: '3.1', expect: [] },
    { name: 'unquoted `swagger: 2.0`', text: 'swagger: 2.0\npaths: {}\n', version: '2.0', expect: [] },
    { name: "quoted `swagger: '2.0'`", text: "swagger: '2.0'\npaths: {}\n", version: '2.0', expect: [] },
    {
      name: 'JSON 3.1.0',
      file: 'openapi.json',
      text: '{"openapi": "3.1.0", "paths": {}}',
      version: '3.1.0',
      expect: [],
    },
    {
      name: 'a YAML map without openapi/swagger',
      text: 'asyncapi: 2.6.0\nchannels: {}\n',
      expect: [{ kind: 'not-openapi', file: 'openapi.yaml', pointer: '' }],
    },
    {
      name: 'a JSON array root',
      file: 'openapi.json',
      text: '[{"openapi": "3.0.0"}]',
      expect: [{ kind: 'not-openapi', file: 'openapi.json', pointer: '' }],
    },
    {
      name: 'a scalar root',
      text: 'just text\n',
      expect: [{ kind: 'not-openapi', file: 'openapi.yaml', pointer: '' }],
    },
    { name: 'an empty file', text: '', expect: [{ kind: 'not-openapi', file: 'openapi.yaml', pointer: '' }] },
    {
      name: 'an unsupported version is reported at the version',
      text: 'openapi: 4.0.0\npaths: {}\n',
      expect: [{ kind: 'not-openapi', file: 'openapi.yaml', pointer: '/openapi' }],
    },
  ];

  it.each(rows)('$name', ({ file = 'openapi.yaml', text, version, expect: expected }) => {
    const spec = loadInline({ [file]: text }, file);
    expect(spec.problems.map(summary)).toEqual(expected);
    expect(spec.model?.openapiVersion).toBe(version);
  });

  it('a missing root file does not exist, without a problem', () => {
    const spec = loadSpec(memoryReader({}), 'openapi.yaml');
    expect(spec).toEqual({ path: 'openapi.yaml', exists: false, problems: [], files: [] });
  });
});

describe('YAML specifics', () => {
  it('a duplicate key is an `invalid` problem at the second key; the last value wins', () => {
    const spec = loadInline(
      outdent(`
        openapi: 3.0.3
        info:
          title: first
          title: second
        paths: {}
      `),
    );
    expect(spec.problems.map(summary)).toEqual([
      { kind: 'invalid', file: 'openapi.yaml', pointer: '', line: 4, column: 3 },
    ]);
    expect(spec.problems[0]?.message).toBe('invalid YAML: Map keys must be unique');
    expect(spec.model?.title).toBe('second');
  });

  it('a list or mapping as a key is an `invalid` problem at that key, and nothing is printed', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      const spec = loadInline(
        outdent(`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths: {}
          x-matrix:
            ? [a, b]
            : both
        `),
      );
      expect(spec.problems.map(summary)).toEqual([
        { kind: 'invalid', file: 'openapi.yaml', pointer: '', line: 5, column: 5 },
      ]);
      expect(spec.problems[0]?.message).toBe(
        'invalid YAML: a mapping key must be a string, not a list or a mapping',
      );
      expect(spec.model?.title).toBe('t');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('anchors, aliases and `<<` merge keys expand', () => {
    const spec = loadInline(
      outdent(`
        openapi: 3.0.3
        x-common: &errors
          '401': { description: unauthorized }
          '403': { description: forbidden }
        paths:
          /a:
            get:
              responses:
                <<: *errors
                '200': { description: ok }
          /b:
            get:
              responses: *errors
      `),
    );
    expect(spec.problems).toEqual([]);
    const statuses = spec.model?.endpoints.map((e) => e.responses.map((r) => r.status).sort());
    expect(statuses).toEqual([
      ['200', '401', '403'],
      ['401', '403'],
    ]);
  });

  it('an alias bomb stops at the alias limit with a parse problem', () => {
    const lines = ['openapi: 3.0.3', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      const prev = i === 0 ? 'a' : ['b', 'c', 'd', 'e', 'f', 'g'][i - 1];
      lines.push(
        `${name}: &${name} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const spec = loadSpec(memoryReader({ 'openapi.yaml': `${lines.join('\n')}\n` }), 'openapi.yaml', {
      limits: { maxAliasCount: 100 },
    });
    expect(spec.model).toBeUndefined();
    expect(spec.problems.map((p) => p.kind)).toEqual(['parse']);
  });
});

describe('$ref resolution', () => {
  const rows: {
    name: string;
    files: Record<string, string>;
    root?: string;
    file: string;
    pointer: string;
    description: string;
  }[] = [
    {
      name: 'local ref',
      files: {
        'openapi.yaml': outdent(`
          openapi: 3.0.3
          paths:
            /a: { get: { responses: { '200': { $ref: '#/components/responses/Ok' } } } }
          components:
            responses:
              Ok: { description: local }
        `),
      },
      file: 'openapi.yaml',
      pointer: '/components/responses/Ok',
      description: 'local',
    },
    {
      name: 'relative file ref with a fragment',
      files: {
        'openapi.yaml': outdent(`
          openapi: 3.0.3
          paths:
            /a: { get: { responses: { '200': { $ref: './responses/common.yaml#/Ok' } } } }
        `),
        'responses/common.yaml': 'Ok:\n  description: from a file\n',
      },
      file: 'responses/common.yaml',
      pointer: '/Ok',
      description: 'from a file',
    },
    {
      name: 'whole-file ref',
      files: {
        'openapi.yaml': outdent(`
          openapi: 3.0.3
          paths:
            /a: { get: { responses: { '200': { $ref: 'ok.yaml' } } } }
        `),
        'ok.yaml': 'description: whole file\n',
      },
      file: 'ok.yaml',
      pointer: '',
      description: 'whole file',
    },
    {
      name: '`../` that stays inside the workspace',
      root: 'api/openapi.yaml',
      files: {
        'api/openapi.yaml': outdent(`
          openapi: 3.0.3
          paths:
            /a: { get: { responses: { '200': { $ref: '../common.yaml#/responses/Ok' } } } }
        `),
        'common.yaml': 'responses:\n  Ok: { description: shared }\n',
      },
      file: 'common.yaml',
      pointer: '/responses/Ok',
      description: 'shared',
    },
    {
      name: 'a ref inside a referenced file resolves relative to that file',
      files: {
        'openapi.yaml': outdent(`
          openapi: 3.0.3
          paths:
            /a: { get: { responses: { '200': { $ref: 'responses/index.yaml#/Ok' } } } }
        `),
        'responses/index.yaml': "Ok: { $ref: './ok.yaml' }\n",
        'responses/ok.yaml': 'description: two hops\n',
      },
      file: 'responses/ok.yaml',
      pointer: '',
      description: 'two hops',
    },
    {
      name: 'URL-encoded fragment (space)',
      files: {
        'openapi.yaml': outdent(`
          openapi: 3.0.3
          paths:
            /a: { get: { responses: { '200': { $ref: '#/components/responses/Not%20Found' } } } }
          components:
            responses:
              Not Found: { description: encoded }
        `),
      },
      file: 'openapi.yaml',
      pointer: '/components/responses/Not Found',
      description: 'encoded',
    },
    {
      name: 'JSON-pointer escapes in the fragment (`~1`, `~0`)',
      files: {
        'openapi.yaml': outdent(`
          openapi: 3.0.3
          paths:
            /a: { get: { responses: { '200': { $ref: '#/x-responses/a~1b~0c' } } } }
          x-responses:
            a/b~c: { description: escaped }
        `),
      },
      file: 'openapi.yaml',
      pointer: '/x-responses/a~1b~0c',
      description: 'escaped',
    },
    {
      name: 'URL-encoded file name',
      files: {
        'openapi.yaml': outdent(`
          openapi: 3.0.3
          paths:
            /a: { get: { responses: { '200': { $ref: 'my%20responses.yaml#/Ok' } } } }
        `),
        'my responses.yaml': 'Ok: { description: spaced file }\n',
      },
      file: 'my responses.yaml',
      pointer: '/Ok',
      description: 'spaced file',
    },
  ];

  it.each(rows)('$name', ({ files, root = 'openapi.yaml', file, pointer, description }) => {
    const spec = loadInline(files, root);
    expect(spec.problems).toEqual([]);
    const response = spec.model?.endpoints[0]?.responses[0];
    expect(response?.description).toBe(description);
    expect(response?.loc).toEqual({ file, pointer });
    expect(spec.files.map((f) => f.path).sort()).toEqual(Object.keys(files).sort());
  });

  it('a recursive schema (a property that refers to its own schema) loads as a cycle', () => {
    const spec = loadInline(
      outdent(`
        openapi: 3.0.3
        paths:
          /nodes:
            post:
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Node' }
              responses: {}
        components:
          schemas:
            Node:
              type: object
              properties:
                name: { type: string }
                children:
                  type: array
                  items: { $ref: '#/components/schemas/Node' }
      `),
    );
    expect(spec.problems).toEqual([]);
    const node = spec.model?.endpoints[0]?.requestBody?.content[0]?.schema;
    expect(node?.refName).toBe('Node');
    expect(node?.loc).toEqual({ file: 'openapi.yaml', pointer: '/components/schemas/Node' });
    expect(node?.properties.children?.items).toBe(node);
  });
});

describe('$ref problems', () => {
  const at = '/paths/~1a/get/responses/200';
  const withRef = (ref: string, extra = '') =>
    outdent(`
      openapi: 3.0.3
      paths:
        /a:
          get:
            responses:
              '200':
                $ref: '${ref}'
              '204':
                description: still loaded
    `) + extra;
  const rows: { name: string; files: Record<string, string>; expect: ReturnType<typeof summary>[] }[] = [
    {
      name: 'missing file',
      files: { 'openapi.yaml': withRef('./missing.yaml#/Ok') },
      expect: [{ kind: 'ref-missing', file: 'openapi.yaml', pointer: `${at}/$ref` }],
    },
    {
      name: 'missing node in an existing file',
      files: { 'openapi.yaml': withRef('./ok.yaml#/Nope'), 'ok.yaml': 'Ok: { description: ok }\n' },
      expect: [{ kind: 'ref-missing', file: 'openapi.yaml', pointer: `${at}/$ref` }],
    },
    {
      name: 'missing local node',
      files: { 'openapi.yaml': withRef('#/components/responses/Nope') },
      expect: [{ kind: 'ref-missing', file: 'openapi.yaml', pointer: `${at}/$ref` }],
    },
    {
      name: 'a plain-name fragment is not a pointer (it does not resolve to the whole file)',
      files: { 'openapi.yaml': withRef('#Ok') },
      expect: [{ kind: 'ref-missing', file: 'openapi.yaml', pointer: `${at}/$ref` }],
    },
    {
      name: 'remote https ref',
      files: { 'openapi.yaml': withRef('https://example.com/responses.yaml#/Ok') },
      expect: [{ kind: 'ref-remote', file: 'openapi.yaml', pointer: `${at}/$ref` }],
    },
    {
      name: 'file: URL',
      files: { 'openapi.yaml': withRef('file:///etc/passwd') },
      expect: [{ kind: 'ref-outside', file: 'openapi.yaml', pointer: `${at}/$ref` }],
    },
    {
      name: '`../` escaping the workspace',
      files: { 'openapi.yaml': withRef('../../etc/passwd') },
      expect: [{ kind: 'ref-outside', file: 'openapi.yaml', pointer: `${at}/$ref` }],
    },
    {
      name: 'absolute path',
      files: { 'openapi.yaml': withRef('/etc/passwd') },
      expect: [{ kind: 'ref-outside', file: 'openapi.yaml', pointer: `${at}/$ref` }],
    },
    {
      name: 'URL-encoded `../`',
      files: { 'openapi.yaml': withRef('%2E%2E/secret.yaml') },
      expect: [{ kind: 'ref-outside', file: 'openapi.yaml', pointer: `${at}/$ref` }],
    },
    {
      name: 'circular chain a → b → a',
      files: {
        'openapi.yaml': withRef(
          '#/components/responses/A',
          outdent(`
            components:
              responses:
                A: { $ref: '#/components/responses/B' }
                B: { $ref: '#/components/responses/A' }
          `),
        ),
      },
      expect: [{ kind: 'ref-circular', file: 'openapi.yaml', pointer: at }],
    },
    {
      name: 'circular chain across files',
      files: {
        'openapi.yaml': withRef('./a.yaml'),
        'a.yaml': "$ref: './b.yaml'\n",
        'b.yaml': "$ref: './a.yaml'\n",
      },
      expect: [{ kind: 'ref-circular', file: 'openapi.yaml', pointer: at }],
    },
    {
      name: 'self reference',
      files: {
        'openapi.yaml': withRef(
          '#/components/responses/A',
          outdent(`
            components:
              responses:
                A: { $ref: '#/components/responses/A' }
          `),
        ),
      },
      expect: [{ kind: 'ref-circular', file: 'openapi.yaml', pointer: at }],
    },
  ];

  it.each(rows)('$name', ({ files, expect: expected }) => {
    const spec = loadInline(files);
    expect(spec.problems.map(summary)).toEqual(expected);
    // The broken response is skipped; the rest of the document still loads.
    expect(spec.model?.endpoints[0]?.responses.map((r) => r.status)).toEqual(['204']);
  });

  it('a `$ref` problem is located at the `$ref` line', () => {
    const files = { 'openapi.yaml': withRef('./missing.yaml') };
    const [problem] = loadInline(files).problems;
    expect(problem?.kind).toBe('ref-missing');
    expect(positionOf(files, 'openapi.yaml', problem!.loc.file, problem!.loc.pointer)).toEqual({
      line: 7,
      column: 11,
    });
  });

  it('the same broken `$ref` reached from two endpoints is reported once', () => {
    const spec = loadInline(
      outdent(`
        openapi: 3.0.3
        paths:
          /a: { $ref: '#/x-shared' }
          /b: { $ref: '#/x-shared' }
        x-shared:
          get:
            responses:
              '200': { $ref: './missing.yaml' }
      `),
    );
    expect(spec.problems.map(summary)).toEqual([
      { kind: 'ref-missing', file: 'openapi.yaml', pointer: '/x-shared/get/responses/200/$ref' },
    ]);
  });
});

describe('remote `$ref`s are never fetched', () => {
  let server: ReturnType<typeof createServer>;
  let port = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.push(socket);
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a loopback listener sees no connection, and the ref is a `ref-remote` problem at the `$ref`', async () => {
    const files = {
      'openapi.yaml': outdent(`
        openapi: 3.0.3
        paths:
          /a:
            get:
              responses:
                '200':
                  $ref: 'http://127.0.0.1:${port}/x.yaml#/Ok'
                '201':
                  content:
                    application/json:
                      schema:
                        $ref: 'https://127.0.0.1:${port}/schemas.yaml#/User'
      `),
    };
    const spec = loadInline(files);
    expect(spec.problems.map(summary)).toEqual([
      { kind: 'ref-remote', file: 'openapi.yaml', pointer: '/paths/~1a/get/responses/200/$ref' },
      {
        kind: 'ref-remote',
        file: 'openapi.yaml',
        pointer: '/paths/~1a/get/responses/201/content/application~1json/schema/$ref',
      },
    ]);
    expect(positionOf(files, 'openapi.yaml', 'openapi.yaml', spec.problems[0]!.loc.pointer)).toEqual({
      line: 7,
      column: 11,
    });
    // A connection made by the load would have been accepted before this probe's.
    const probe = new Socket();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.connect(port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => probe.once('close', () => resolve()).resume());
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.remotePort).toBe(probe.localPort);
  });
});

describe('the workspace boundary (fsReader)', () => {
  let top: string;
  let workspace: string;
  let secret: string;

  beforeAll(() => {
    top = realpathSync(mkdtempSync(join(tmpdir(), 'api-posture-load-')));
    workspace = join(top, 'workspace');
    mkdirSync(join(workspace, 'schemas'), { recursive: true });
    secret = join(top, 'secret.yaml');
    writeFileSync(secret, 'Ok: { description: SECRET }\n');
    writeFileSync(join(workspace, 'schemas', 'user.yaml'), 'User: { type: object }\n');
    symlinkSync(secret, join(workspace, 'link.yaml'));
  });

  afterAll(() => rmSync(top, { recursive: true, force: true }));

  /** fsReader that records every path it is asked for. */
  function recording(root: string): { reader: FileReader; reads: string[] } {
    const inner = fsReader(root);
    const reads: string[] = [];
    const read = (path: string) => {
      reads.push(path);
      return inner.read(path);
    };
    const open = (path: string, maxBytes: number) => {
      reads.push(path);
      return inner.open?.(path, maxBytes);
    };
    return { reads, reader: { label: inner.label, read, open } };
  }

  const rows: { name: string; ref: () => string; kind: SpecProblem['kind'] }[] = [
    { name: '`../secret.yaml`', ref: () => '../secret.yaml#/Ok', kind: 'ref-outside' },
    { name: '`../../etc/passwd`', ref: () => '../../etc/passwd', kind: 'ref-outside' },
    { name: '`/etc/passwd`', ref: () => '/etc/passwd', kind: 'ref-outside' },
    { name: 'absolute path of a file outside', ref: () => `${secret}#/Ok`, kind: 'ref-outside' },
    { name: 'a symlink inside that points outside', ref: () => './link.yaml#/Ok', kind: 'ref-outside' },
  ];

  it.each(rows)('$name is refused and its target never read', ({ ref, kind }) => {
    writeFileSync(
      join(workspace, 'openapi.yaml'),
      outdent(`
        openapi: 3.0.3
        paths:
          /a:
            get:
              responses:
                '200': { $ref: '${ref()}' }
      `),
    );
    const { reader, reads } = recording(workspace);
    const spec = loadSpec(reader, 'openapi.yaml');
    expect(spec.problems.map(summary)).toEqual([
      { kind, file: 'openapi.yaml', pointer: '/paths/~1a/get/responses/200/$ref' },
    ]);
    expect(JSON.stringify(spec)).not.toContain('SECRET');
    expect(spec.files.map((f) => f.path)).toEqual(['openapi.yaml']);
    // Refused by its text, the path is never even asked for; a symlink is refused by the reader.
    if (!ref().startsWith('./link')) expect(reads).toEqual(['openapi.yaml']);
  });

  it('fsReader itself refuses paths that leave the root and symlinks that point outside', () => {
    const reader = fsReader(workspace);
    expect(reader.read('schemas/user.yaml')).toBe('User: { type: object }\n');
    expect(reader.read('link.yaml')).toBeUndefined();
    expect(reader.read('../secret.yaml')).toBeUndefined();
    expect(reader.read('schemas')).toBeUndefined();
    expect(reader.read('missing.yaml')).toBeUndefined();
  });

  it('and so does its read on the second thread', () => {
    const reader = fsReader(workspace);
    const paths = ['schemas/user.yaml', 'link.yaml', '../secret.yaml', 'schemas', 'missing.yaml'];
    const pending = paths.map((path) => [path, reader.readLater?.(path)] as const);
    for (const [path, later] of pending) {
      expect(later, 'the thread started').toBeDefined();
      const open = reader.open?.(path, 1 << 20);
      const refused = open && 'refused' in open ? { refused: open.refused } : {};
      expect(later!(), path).toEqual({ text: reader.read(path), index: undefined, ...refused });
    }
    // A JSON file comes back indexed: the thread, not the fallback on this one, read it.
    writeFileSync(join(workspace, 'api.json'), '{"openapi": "3.0.3"}\n');
    const json = reader.readLater?.('api.json')?.();
    expect(json).toEqual({ text: '{"openapi": "3.0.3"}\n', index: scanJson('{"openapi": "3.0.3"}\n') });
    expect(reader.size?.('schemas/user.yaml')).toBe('User: { type: object }\n'.length);
    expect(reader.size?.('missing.yaml')).toBeUndefined();
  });
});

describe('specFiles: the files a description spans, without a model', () => {
  it('follows every `$ref` through nested files, once each, and nothing outside the workspace or remote', () => {
    const reads: string[] = [];
    const files: Record<string, string> = {
      'api/openapi.yaml': outdent(`
        openapi: 3.0.3
        paths:
          /a:
            $ref: './paths/a.yaml'
          /b:
            $ref: 'paths/b.json#/item'
        components:
          schemas:
            Unused:
              $ref: 'schemas/unused.yaml'
            Remote:
              $ref: 'https://example.com/x.yaml'
            Outside:
              $ref: '../../etc/passwd'
      `),
      'api/paths/a.yaml': "get:\n  responses:\n    '200':\n      $ref: '../schemas/ok.yaml'\n",
      'api/paths/b.json': '{"item": {"get": {"responses": {"200": {"$ref": "#/ok"}}}}, "ok": {}}',
      'api/schemas/ok.yaml': "description: ok\nschema:\n  $ref: './ok.yaml#/description'\n",
      'api/schemas/unused.yaml': 'type: string\n',
      'api/schemas/never.yaml': 'type: string\n',
    };
    const reader: FileReader = {
      label: 'memory',
      read: (path) => {
        reads.push(path);
        return memoryReader(files).read(path);
      },
    };
    expect(specFiles(reader, 'api/openapi.yaml').sort()).toEqual([
      'api/openapi.yaml',
      'api/paths/a.yaml',
      'api/paths/b.json',
      'api/schemas/ok.yaml',
      'api/schemas/unused.yaml',
    ]);
    expect(reads.filter((p) => !p.startsWith('api/'))).toEqual([]);
    expect(new Set(reads).size).toBe(reads.length);
  });

  it('lists at least the files a full load reads, on the multi-file fixture', () => {
    for (const side of ['base', 'head']) {
      const reader = fsReader(join(import.meta.dirname, 'fixtures', 'multifile', side));
      const loaded = loadSpec(reader, 'openapi.yaml').files.map((f) => f.path);
      expect(loaded.length).toBeGreaterThan(1);
      expect(specFiles(reader, 'openapi.yaml')).toEqual(expect.arrayContaining(loaded));
    }
  });
});

describe('gitReader on the second thread', () => {
  const repo = mkdtempSync(join(tmpdir(), 'api-posture-git-'));
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  };
  const json = `${JSON.stringify({ openapi: '3.0.3', paths: { '/a': { get: {} } } }, null, 2)}\n`;
  let sha = '';
  beforeAll(() => {
    writeFileSync(join(repo, 'api.json'), json);
    writeFileSync(join(repo, 'bom.json'), `\ufeff${json}`);
    writeFileSync(join(repo, 'api.yaml'), 'openapi: 3.0.3\npaths: {}\n');
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-q', '-m', 'x');
    sha = git('rev-parse', 'HEAD');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('gives what read gives, with the index of JSON text (a byte-order mark left out)', () => {
    const reader = gitReader(repo, sha);
    const pending = ['api.json', 'bom.json', 'api.yaml', 'missing.json'].map(
      (path) => [path, reader.readLater?.(path)] as const,
    );
    for (const [path, later] of pending.reverse()) {
      expect(later, 'the thread started').toBeDefined();
      const result = later!();
      expect(result.text).toBe(reader.read(path));
      const body = result.text === undefined ? undefined : jsonTextOf(path, result.text);
      if (body === undefined) expect(result.index).toBeUndefined();
      else expect(result.index).toEqual(scanJson(body));
    }
    // The mark is read as the encoding's, not as text.
    expect(reader.read('bom.json')).toBe(json);
  });
});
