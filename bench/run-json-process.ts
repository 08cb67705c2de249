import { spawn } from 'node:child_process';

// Enough of a failing peer's log to say why, without holding a whole JVM's chatter.
const STDERR_TAIL = 4000;

/** Runs a peer to its end; its last stdout line is its result, as JSON. */
export async function runJsonProcess<T>(name: string, command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<T> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(env === undefined ? {} : { env }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`${name} exited with ${String(code)}: ${stderr}`);
  return JSON.parse(last) as T;
}
