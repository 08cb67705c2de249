import { spawnSync } from 'node:child_process';
import { repoPath } from './repo-path.ts';

/** Runs `docker/local-stack <args>` and fails loudly with its output when it fails. */
export function localStack(...args: string[]): void {
  const result = spawnSync('bash', [repoPath('docker/local-stack'), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`docker/local-stack ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
}
