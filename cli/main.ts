import { Command } from 'commander';
import { ShelfstreamError } from '../errors/index.ts';
import { addSettingOptions } from './global-options.ts';

const USAGE_ERRORS = new Set(['CONFIG_INVALID', 'INPUT_INVALID']);

// Each command is imported only when it runs: importing all of them loads every client library
// (Kafka, ClickHouse, Iceberg, the crawler), which cost every command, even `--help`, over two seconds.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  run: async () => (await import('./commands/run-command.ts')).runCommand(),
  check: async () => (await import('./commands/check-command.ts')).checkCommand(),
  config: async () => (await import('./commands/config-command.ts')).configCommand(),
  stack: async () => (await import('./commands/stack-command.ts')).stackCommand(),
  topology: async () => (await import('./commands/topology-command.ts')).topologyCommand(),
  extract: async () => (await import('./commands/extract-command.ts')).extractCommand(),
  replay: async () => (await import('./commands/replay-command.ts')).replayCommand(),
  poll: async () => (await import('./commands/poll-command.ts')).pollCommand(),
  crawl: async () => (await import('./commands/crawl-command.ts')).crawlCommand(),
  fixtures: async () => (await import('./commands/fixtures-command.ts')).fixturesCommand(),
  generate: async () => (await import('./commands/generate-command.ts')).generateCommand(),
  schemas: async () => (await import('./commands/schemas-command.ts')).schemasCommand(),
  clickhouse: async () => (await import('./commands/clickhouse-command.ts')).clickhouseCommand(),
  console: async () => (await import('./commands/console-command.ts')).consoleCommand(),
  iceberg: async () => (await import('./commands/iceberg-command.ts')).icebergCommand(),
  rebuild: async () => (await import('./commands/rebuild-command.ts')).rebuildCommand(),
  reconcile: async () => (await import('./commands/reconcile-command.ts')).reconcileCommand(),
};

const program = addSettingOptions(
  new Command('shelfstream').description('Kafka-native, event-sourced stream processing for Amazon marketplace data'),
).showHelpAfterError();
// The command named (after any global options and their values); anything else, such as `help` or
// a misspelled name, loads them all so that the help lists them and an error suggests the nearest.
const [named] = program.parseOptions(process.argv.slice(2)).operands;
const loaders = Object.entries(COMMANDS).filter(([name]) => named === undefined || !Object.hasOwn(COMMANDS, named) || name === named);
for (const command of await Promise.all(loaders.map(([, load]) => load()))) program.addCommand(command);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Our errors are for people: code and message, no stack trace. Anything else is a bug: show it all.
  if (error instanceof ShelfstreamError) {
    // Where it happened, when the message does not already say: the topic, file or URL to look at.
    const where = Object.entries(error.location).filter(([, v]) => v !== undefined && !(typeof v === 'string' && error.message.includes(v)));
    const at = where.length === 0 ? '' : ` (${where.map(([k, v]) => `${k} ${String(v)}`).join(', ')})`;
    console.error(`shelfstream: error [${error.code}]: ${error.message}${at}`);
    // A bad setting or input file is a usage error, found before anything started.
    process.exitCode = USAGE_ERRORS.has(error.code) ? 2 : 1;
  } else {
    throw error;
  }
}
// Client libraries may keep sockets or retry timers alive after a failure; the command is done.
process.exit();
