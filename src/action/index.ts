// GitHub Action entry (skeleton until the action issue): runs the scan on the workspace and sets outputs.
import * as core from '@actions/core';

export async function main(): Promise<void> {
  core.setOutput('blocked', 'false');
  core.info('api-posture: the pull-request gate is not wired yet; see the README for the CLI.');
}

main().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
