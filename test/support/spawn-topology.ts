import { spawn, type ChildProcess } from 'node:child_process';
import { repoPath } from './repo-path.ts';

export interface RunningTopology {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process ended. */
  readonly exited: Promise<number | string | null>;
  readonly stderr: () => string;
}

/** Starts `shelfstream topology run <name> <args>` as a separate process, as an operator would. */
export function spawnTopology(name: string, args: readonly string[], env: Record<string, string> = {}): RunningTopology {
  const child = spawn(process.execPath, [repoPath('bin/shelfstream.js'), 'topology', 'run', name, '--metrics-port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => { resolve(code ?? signal); }));
  return { child, exited, stderr: () => stderr };
}
