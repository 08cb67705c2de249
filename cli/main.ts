import { Command } from 'commander';
import { ShelfstreamError } from '../errors/index.ts';
import { checkCommand } from './commands/check-command.ts';
import { clickhouseCommand } from './commands/clickhouse-command.ts';
import { configCommand } from './commands/config-command.ts';
import { consoleCommand } from './commands/console-command.ts';
import { crawlCommand } from './commands/crawl-command.ts';
import { extractCommand } from './commands/extract-command.ts';
import { fixturesCommand } from './commands/fixtures-command.ts';
import { generateCommand } from './commands/generate-command.ts';
import { icebergCommand } from './commands/iceberg-command.ts';
import { pollCommand } from './commands/poll-command.ts';
import { rebuildCommand } from './commands/rebuild-command.ts';
import { reconcileCommand } from './commands/reconcile-command.ts';
import { replayCommand } from './commands/replay-command.ts';
import { runCommand } from './commands/run-command.ts';
import { schemasCommand } from './commands/schemas-command.ts';
import { stackCommand } from './commands/stack-command.ts';
import { topologyCommand } from './commands/topology-command.ts';
import { addSettingOptions } from './global-options.ts';

const USAGE_ERRORS = new Set(['CONFIG_INVALID', 'INPUT_INVALID']);

const program = addSettingOptions(
  new Command('shelfstream').description('Kafka-native, event-sourced stream processing for Amazon marketplace data'),
)
  .showHelpAfterError()
  .addCommand(runCommand())
  .addCommand(checkCommand())
  .addCommand(configCommand())
  .addCommand(stackCommand())
  .addCommand(topologyCommand())
  .addCommand(extractCommand())
  .addCommand(replayCommand())
  .addCommand(pollCommand())
  .addCommand(crawlCommand())
  .addCommand(fixturesCommand())
  .addCommand(generateCommand())
  .addCommand(schemasCommand());
program.addCommand(clickhouseCommand());
program.addCommand(consoleCommand());
program.addCommand(icebergCommand());
program.addCommand(rebuildCommand()).addCommand(reconcileCommand());

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
