import { Option, type Command } from 'commander';
import { flagOf, loadConfig, settings, type ShelfstreamConfig } from '../config/index.ts';

/** Adds one `--<flag> <value>` per setting of the configuration table, documented with its variable. */
export function addSettingOptions(program: Command): Command {
  for (const row of Object.values(settings)) {
    program.addOption(new Option(`--${flagOf(row.env)} <value>`, `${row.doc} [env ${row.env}]`));
  }
  return program;
}

/** Builds the process's configuration from the environment and the flags given to `command`. */
export function configFrom(command: Command): ShelfstreamConfig {
  const opts = command.optsWithGlobals<Record<string, string | undefined>>();
  const flags: Record<string, string | undefined> = {};
  for (const row of Object.values(settings)) {
    const flag = flagOf(row.env);
    const camel = flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    flags[flag] = opts[camel];
  }
  return loadConfig(process.env, flags);
}
