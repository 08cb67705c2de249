import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { flagOf, settings } from '../config/index.ts';
import { ServiceUnavailableError } from '../errors/index.ts';

// A path, not an import: console/ sits beside cli/ at the top of the layers and neither imports the other.
const CONSOLE_MAIN = fileURLToPath(new URL('../console/server/console-main.ts', import.meta.url));

/** The environment with the command's setting flags written into their variables, for a child that reads its settings from there. */
export function settingsEnvironment(command: Command): NodeJS.ProcessEnv {
  const opts = command.optsWithGlobals<Record<string, string | undefined>>();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const row of Object.values(settings)) {
    const camel = flagOf(row.env).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (opts[camel] !== undefined) env[row.env] = opts[camel];
  }
  return env;
}

/** The console running as a child process. */
export interface ConsoleProcess {
  readonly child: ChildProcess;
  /** Where it serves, once it listens; rejects if it exits first. */
  readonly url: Promise<string>;
  /** Resolves with its exit code. */
  readonly exited: Promise<number>;
}

/**
 * Starts the console (console/server/console-main.ts) with `env`. Its output passes through to
 * this process's, but for its `console at <url>` line, which tells where it listens (its port may be 0: any).
 */
export function startConsoleProcess(env: NodeJS.ProcessEnv): ConsoleProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CONSOLE_MAIN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => { resolve(code ?? 1); }));
  const url = new Promise<string>((resolve, reject) => {
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      // Whole lines only: the address line is the parent's to print (its log line names it); the rest passes through.
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const found = /^console at (https?:\/\/\S+)/.exec(line);
        if (found?.[1] === undefined) process.stdout.write(`${line}\n`);
        else resolve(found[1]);
      }
    });
    void exited.then((code) => { reject(new ServiceUnavailableError('console', 'SHELFSTREAM_CONSOLE_PORT', `the console exited with code ${code} before it listened`)); });
  });
  return { child, url, exited };
}
