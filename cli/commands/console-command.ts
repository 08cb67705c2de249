import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { flagOf, settings } from '../../config/index.ts';
import { configFrom } from '../global-options.ts';

// A path, not an import: console/ sits beside cli/ at the top of the layers and neither imports the other.
const CONSOLE_MAIN = fileURLToPath(new URL('../../console/server/console-main.ts', import.meta.url));

/**
 * `shelfstream console`: the web console (Schema Registry and topics) as a child process, given
 * this command's settings through their variables; it lives until SIGINT or SIGTERM.
 */
export function consoleCommand(): Command {
  return new Command('console')
    .description('serve the web console: Schema Registry subjects, versions and diffs, topics, messages and dead letters')
    .action(async (_flags: unknown, command: Command) => {
      // Validated here, so a bad setting fails the command with the usual message before any child starts.
      configFrom(command);
      const opts = command.optsWithGlobals<Record<string, string | undefined>>();
      const env: Record<string, string | undefined> = { ...process.env };
      for (const row of Object.values(settings)) {
        const camel = flagOf(row.env).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
        if (opts[camel] !== undefined) env[row.env] = opts[camel];
      }
      const child = spawn(process.execPath, ['--import', 'tsx', CONSOLE_MAIN], { env, stdio: 'inherit' });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      const code = await new Promise<number>((resolve) => child.on('exit', (exit) => { resolve(exit ?? 1); }));
      process.exitCode = code;
    });
}
