// A large `scan --format json` starts the bundled CLI again with a larger young generation
// (src/cli/young-generation.ts): the same report, exit code and streams, a signal passed on. Which
// processes ran with which flags is seen by a preload (NODE_OPTIONS=--require) that logs each one.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relaunchWithLargerYoungGeneration } from '../../src/cli/young-generation.js';

const CLI = resolve('dist/cli/index.js');
const SPECS = resolve('examples/head');
let dir: string;
let log: string;
let preload: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'api-posture-relaunch-'));
  log = join(dir, 'processes.log');
  preload = join(dir, 'preload.cjs');
  // Each process logs its pid and flags; with HOLD set, the relaunched one then stays alive (an interval
  // keeps its event loop busy after the scan) until a signal ends it.
  writeFileSync(
    preload,
    [
      "const { appendFileSync } = require('node:fs');",
      `appendFileSync(${JSON.stringify(log)}, process.pid + ' ' + process.execArgv.join(' ') + '\\n');`,
      "if (process.env.HOLD && process.execArgv.some((a) => a.includes('semi-space'))) setInterval(() => {}, 1000);",
      '',
    ].join('\n'),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function env(relaunchBytes: string | undefined, extra: Record<string, string> = {}) {
  const { API_POSTURE_RELAUNCH_BYTES: _, NODE_OPTIONS: __, ...rest } = process.env;
  return {
    ...rest,
    NODE_OPTIONS: `--require ${preload}`,
    ...(relaunchBytes ? { API_POSTURE_RELAUNCH_BYTES: relaunchBytes } : {}),
    ...extra,
  };
}

function scan(args: string[], relaunchBytes: string | undefined, nodeFlags: string[] = []) {
  rmSync(log, { force: true });
  const child = spawnSync(process.execPath, [...nodeFlags, CLI, 'scan', SPECS, '--format', 'json', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: env(relaunchBytes),
  });
  const processes = readFileSync(log, 'utf8').trim().split('\n');
  return { ...child, processes };
}

describe('a large scan relaunched with a larger young generation', () => {
  it('runs once more with the flag, writing the same report and exit code', () => {
    const args = ['--fail-on', 'low', '--fail-on-scope', 'all'];
    const here = scan([...args, '-o', 'here.json'], undefined);
    const again = scan([...args, '-o', 'again.json'], '1');
    expect(here.processes).toHaveLength(1);
    expect(here.processes[0]).not.toContain('semi-space');
    expect(again.processes).toHaveLength(2);
    expect(again.processes[1]).toContain('--max-semi-space-size=32');
    expect(here.status).toBe(1); // blocked: the code passes through the relaunch
    expect(again.status).toBe(1);
    const report = readFileSync(join(dir, 'here.json'), 'utf8');
    expect(JSON.parse(report).specs).toHaveLength(1); // payments.yaml; schemas.yaml is only referenced
    expect(readFileSync(join(dir, 'again.json'), 'utf8')).toBe(report);
    expect(again.stderr).toBe(here.stderr);
  });

  it('writes the report to the same standard output', () => {
    const here = scan([], undefined);
    const again = scan([], '1');
    expect(again.processes).toHaveLength(2);
    expect(again.status).toBe(0);
    expect(again.stdout.length).toBeGreaterThan(1000);
    expect(again.stdout).toBe(here.stdout);
  });

  it('keeps a semi-space size the user set, and runs once', () => {
    const own = scan(['-o', 'own.json'], '1', ['--max-semi-space-size=8']);
    expect(own.processes).toHaveLength(1);
    expect(own.processes[0]).toContain('--max-semi-space-size=8');
    expect(own.status).toBe(0);
  });

  it('passes a termination signal on and dies of it too', async () => {
    rmSync(log, { force: true });
    const parent: ChildProcess = spawn(
      process.execPath,
      [CLI, 'scan', SPECS, '--format', 'json', '-o', 'held.json'],
      {
        cwd: dir,
        env: env('1', { HOLD: '1' }),
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      parent.on('exit', (_, signal) => done(signal)),
    );
    const child = await waitFor(() => {
      const lines = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
      return lines.length === 2 && existsSync(join(dir, 'held.json'))
        ? Number(lines[1]!.split(' ')[0])
        : undefined;
    });
    expect(alive(child)).toBe(true);
    parent.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    await waitFor(() => (alive(child) ? undefined : true));
    expect(alive(child)).toBe(false);
  }, 30_000);
});

describe('relaunchWithLargerYoungGeneration', () => {
  it('does not relaunch when the flag is set already, under a debugger, or with no script', () => {
    expect(
      relaunchWithLargerYoungGeneration(['node', 'cli.js'], ['--max-semi-space-size=64'], ''),
    ).toBeUndefined();
    expect(
      relaunchWithLargerYoungGeneration(['node', 'cli.js'], [], '--max-semi-space-size=8'),
    ).toBeUndefined();
    expect(relaunchWithLargerYoungGeneration(['node'], [], '')).toBeUndefined();
    expect(relaunchWithLargerYoungGeneration(['node', 'cli.js'], ['--inspect-brk'], '')).toBeUndefined();
    expect(relaunchWithLargerYoungGeneration(['node', 'cli.js'], [], '--inspect=9230')).toBeUndefined();
    expect(
      relaunchWithLargerYoungGeneration(['node', 'cli.js'], [], '--max-old-space-size=512'),
    ).toBeDefined();
  });

  it("answers with the child's exit code", async () => {
    const script = join(dir, 'exit.cjs');
    writeFileSync(script, 'process.exit(Number(process.argv[2]));\n');
    const relaunch = relaunchWithLargerYoungGeneration(['node', script, '3'], [], '');
    expect(await relaunch?.()).toBe(3);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `probe` every 50 ms until it gives a value (vitest's timeout bounds the wait). */
async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
}
