import { Command } from 'commander';
import { configFrom } from '../global-options.ts';
import { settingsEnvironment, startConsoleProcess } from '../console-process.ts';

/**
 * `shelfstream console`: the web console (Schema Registry, topics, topology, dashboards) as a child
 * process, given this command's settings through their variables; it lives until SIGINT or SIGTERM.
 */
export function consoleCommand(): Command {
  return new Command('console')
    .description('serve the web console: Schema Registry subjects, versions and diffs, topics, messages and dead letters, topology, dashboards')
    .action(async (_flags: unknown, command: Command) => {
      // Validated here, so a bad setting fails the command with the usual message before any child starts.
      configFrom(command);
      const running = startConsoleProcess(settingsEnvironment(command));
      const forward = (signal: NodeJS.Signals) => running.child.kill(signal);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      // An early exit is reported by the exit code below.
      running.url.then((url) => { console.log(`console at ${url}`); }, () => undefined);
      process.exitCode = await running.exited;
    });
}
