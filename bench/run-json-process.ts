import { spawn } from 'node:child_process';

// Enough of a failing peer's log to say why, without holding a whole JVM's chatter.
const STDERR_TAIL = 4000;

/** Runs a peer or a benchmark to its end; its last stdout line is its result, as JSON. Past `timeoutMs` it is killed and fails. */
export async function runJsonProcess<T>(name: string, command: string, args: readonly string[], options: { timeoutMs?: number } = {}): Promise<T> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`${name} exited with ${String(code ?? child.signalCode)}: ${stderr}`);
  return JSON.parse(last) as T;
}
