import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { repoPath } from './repo-path.ts';

/** Before a console test in Chromium: the browser installed, the front end built, the screenshot folder there. */
export async function prepareConsoleTest(shots: string): Promise<void> {
  const installed = spawnSync('bash', [repoPath('docker/tools/ensure-chromium')], { encoding: 'utf8' });
  assert.equal(installed.status, 0, `ensure-chromium failed:\n${installed.stderr}`);
  // Built as a release is: the same command the README gives, from this checkout's sources.
  const built = spawnSync('npx', ['vite', 'build', '--config', 'console/web/vite.config.ts'], { cwd: repoPath(), encoding: 'utf8' });
  assert.equal(built.status, 0, `vite build failed:\n${built.stdout}${built.stderr}`);
  await mkdir(shots, { recursive: true });
}
