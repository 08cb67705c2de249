import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ServiceUnavailableError } from '../../errors/index.ts';

const LAUNCHER = fileURLToPath(new URL('../../docker/local-stack', import.meta.url));

/**
 * Runs `docker/local-stack up` in `stackDir` (the configured SHELFSTREAM_STACK_DIR), streaming its
 * progress to stderr; rejects if any service fails to start.
 */
export async function startLocalStack(stackDir: string): Promise<void> {
  const code = await new Promise<number | null>((resolve, reject) => {
    const env = { ...process.env, SHELFSTREAM_STACK_DIR: stackDir };
    const child = spawn('bash', [LAUNCHER, 'up'], { stdio: ['ignore', 'inherit', 'inherit'], env });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) {
    throw new ServiceUnavailableError('local stack', 'SHELFSTREAM_LOCAL_STACK', `docker/local-stack up exited with ${code}; see ${stackDir}/logs/`);
  }
}
