// One settings loader for the CLI and the action (src/settings.ts): the same names mean the same files.
// test/e2e/pr.test.ts runs both entries on one repository with a policy file named like a shipped pack.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { EMPTY_CONFIG } from '../src/config/index.js';
import { fsReader } from '../src/load/reader.js';
import type { Report } from '../src/report/json.js';
import { readSettings, SettingsError } from '../src/settings.js';

const OWN = 'policies:\n  - name: from-the-file\n    rule: { max_score: 0 }\n    severity: low\n';
const names = { config: '--config', policies: '--policies' };

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'api-posture-settings-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('readSettings', () => {
  it('a file named like a shipped pack wins over the pack; without the file the pack is read', () => {
    const warnings: string[] = [];
    const options = { names, fromBase: false, warn: (m: string) => void warnings.push(m) };
    const withFile = readSettings(fsReader(folder({ default: OWN })), { policies: ['default'] }, options);
    expect(withFile.policies.map((p) => p.name)).toEqual(['from-the-file']);
    const without = readSettings(fsReader(folder({})), { policies: ['default'] }, options);
    expect(without.policies.map((p) => p.name)).toContain('require-authentication');
    expect(warnings).toEqual([]);
  });

  it('a name that is neither a file nor a pack is an error listing the packs', () => {
    const read = () =>
      readSettings(
        fsReader(folder({})),
        { policies: ['defualt'] },
        { names, fromBase: false, warn: () => {} },
      );
    expect(read).toThrow(SettingsError);
    expect(read).toThrow(
      /^--policies: defualt does not exist at .* and is not a shipped pack \(default, owasp-strict\)$/,
    );
  });

  it('a named config missing is an error locally, a warning when read from a pull request’s base', () => {
    const dir = folder({});
    const request = { config: 'team.yml', policies: [] };
    expect(() => readSettings(fsReader(dir), request, { names, fromBase: false, warn: () => {} })).toThrow(
      '--config: team.yml does not exist',
    );
    const warnings: string[] = [];
    const settings = readSettings(fsReader(dir), request, {
      names,
      fromBase: true,
      warn: (m) => void warnings.push(m),
    });
    expect(settings.config).toBe(EMPTY_CONFIG);
    expect(warnings).toEqual([
      'config team.yml is not in the base commit; the defaults apply until it is merged',
    ]);
  });

  it('a policy path that is a folder is an error naming the setting, not the pack of that name', () => {
    const dir = folder({ 'owasp-strict/x.txt': '' });
    expect(() =>
      readSettings(fsReader(dir), { policies: ['owasp-strict'] }, { names, fromBase: false, warn: () => {} }),
    ).toThrow(/^--policies: owasp-strict at .* was not read: it is not a regular file/);
  });
});

describe('the CLI reads settings through the same loader', () => {
  it('scan --policies default takes the file named default over the shipped pack', async () => {
    const spec =
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      responses: { "200": { description: ok } }\n';
    const dir = folder({ default: OWN, 'openapi.yaml': spec });
    let stdout = '';
    const out = {
      write: (t: string) => {
        stdout += t;
      },
    };
    const code = await run(
      ['scan', 'openapi.yaml', '--policies', 'default', '--format', 'json'],
      out,
      out,
      dir,
    );
    expect(code).toBe(0);
    const policies = new Set((JSON.parse(stdout) as Report).violations.map((v) => v.policy));
    expect([...policies]).toEqual(['from-the-file']);
  });
});
