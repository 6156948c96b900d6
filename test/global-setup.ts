// Every test run gets its own temp directory, removed when the run ends: the tests make hundreds of
// repositories and reports under `os.tmpdir()`, and the processes they spawn inherit TMPDIR too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'api-posture-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
