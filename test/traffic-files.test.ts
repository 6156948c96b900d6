// The action's `traffic` globs: the workspace and RUNNER_TEMP only, never through a symlink out of them.
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../src/action/inputs.js';
import { findTrafficFiles, TrafficInputError } from '../src/action/traffic-files.js';

function roots() {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'traffic-roots-')));
  const workspace = join(top, 'workspace');
  const tempDir = join(top, 'runner-temp');
  const outside = join(top, 'outside');
  for (const dir of [workspace, tempDir, outside, join(workspace, 'logs'), join(workspace, '.git')])
    mkdirSync(dir, { recursive: true });
  writeFileSync(join(workspace, 'logs', 'a.log'), 'x');
  writeFileSync(join(workspace, 'logs', 'b.har'), 'x');
  writeFileSync(join(workspace, '.git', 'config'), 'token');
  writeFileSync(join(tempDir, 'gateway.log'), 'x');
  writeFileSync(join(outside, 'secret.log'), 'x');
  symlinkSync(join(outside, 'secret.log'), join(workspace, 'logs', 'out.log'));
  symlinkSync(join(tempDir, 'gateway.log'), join(workspace, 'logs', 'temp.log'));
  symlinkSync(join(workspace, '.git', 'config'), join(workspace, 'logs', 'git.log'));
  symlinkSync(outside, join(workspace, 'linked'));
  return { workspace, tempDir, outside };
}

describe('the `traffic` input', () => {
  it('is split like `specs`', () => {
    expect(
      readInputs((n) => (n === 'traffic' ? 'a.har, logs/*.log\n$RUNNER_TEMP/x.log' : '')).traffic,
    ).toEqual(['a.har', 'logs/*.log', '$RUNNER_TEMP/x.log']);
    expect(readInputs(() => '').traffic).toEqual([]);
  });

  it('reads the workspace and RUNNER_TEMP; a symlink out of them or into .git is named, not read', () => {
    const r = roots();
    const found = findTrafficFiles(['logs/*.log', `${r.tempDir}/*.log`, 'logs/*.har'], r);
    // A file reached twice (a symlink to RUNNER_TEMP, then by the temp pattern) is read once.
    expect(found.files).toEqual([
      { name: 'logs/a.log', path: join(r.workspace, 'logs', 'a.log') },
      { name: 'logs/b.har', path: join(r.workspace, 'logs', 'b.har') },
      { name: 'logs/temp.log', path: join(r.tempDir, 'gateway.log') },
    ]);
    expect(findTrafficFiles([`${r.tempDir}/*.log`], r).files).toEqual([
      { name: '$RUNNER_TEMP/gateway.log', path: join(r.tempDir, 'gateway.log') },
    ]);
    expect(found.refused.map((why) => why.split(':')[0])).toEqual(['logs/git.log', 'logs/out.log']);
    expect(found.unmatched).toEqual([]);
  });

  it('does not walk a symlinked folder, and a pattern matching nothing is reported', () => {
    const r = roots();
    const found = findTrafficFiles(['linked/*.log', 'linked/secret.log', 'none/*.har', '.git/config'], r);
    expect(found.files).toEqual([]);
    expect(found.unmatched).toEqual(['linked/*.log', 'none/*.har']);
    expect(found.refused.map((why) => why.split(':')[0])).toEqual(['linked/secret.log', '.git/config']);
  });

  it('refuses a pattern outside both folders', () => {
    const r = roots();
    expect(() => findTrafficFiles([join(r.outside, '*.log')], r)).toThrow(TrafficInputError);
    expect(() => findTrafficFiles(['../outside/secret.log'], r)).toThrow(/leaves the workspace/);
    expect(() => findTrafficFiles(['/etc/passwd'], r)).toThrow(/outside the workspace and RUNNER_TEMP/);
  });
});
