import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { FileAccessError } from '../../errors/index.ts';
import { createKafkaDriver } from '../../infra/kafka/create-kafka-driver.ts';
import { createLogger } from '../../infra/logger.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../schemas/serde/create-schema-registry-client.ts';
import type { ReplaySpeed } from '../../sources/replay/event-time-pacer.ts';
import { replayCsv } from '../../sources/replay/replay-csv.ts';
import type { ReplayKindName } from '../../sources/replay/replay-kinds.ts';
import { createReplayProgressDisplay } from '../../sources/replay/replay-progress-display.ts';
import { REPLAY_PROGRESS_TOPIC } from '../../sources/replay/replay-progress-store.ts';
import { describeTotals } from '../../sources/replay/replay-totals.ts';
import { SALES_CSV_CURRENCY } from '../../sources/replay/sales-csv-format.ts';
import { configFrom } from '../global-options.ts';

/** Exit status of a replay stopped by Ctrl-C: 128 + SIGINT, as shells report it. */
const INTERRUPTED_EXIT_CODE = 130;

interface ReplayOptions {
  kind: ReplayKindName;
  topic: string;
  speed: ReplaySpeed;
  deadLetterTopic?: string;
  batchSize: number;
  partitions: number;
  fromStart?: boolean;
  currency: string;
  progressTopic: string;
}

export function replayCommand(): Command {
  return new Command('replay')
    .description('stream CSV files (the Amazon sales orders or Kaggle product listings) into Kafka as Avro events in event-time order, resuming where a previous run stopped')
    .argument('<file...>', 'CSV files with the columns of their kind (header row first), replayed as one input')
    .addOption(new Option('--kind <kind>', 'what the files hold').choices(['sales', 'products']).makeOptionMandatory())
    .requiredOption('--topic <topic>', 'topic to produce the events to')
    .option('--speed <n|max>', 'replay event time N times faster than real time (60: an hour a minute), or max', parseSpeed, 'max')
    .option('--dead-letter-topic <topic>', 'topic for rows that cannot become events (default <topic>.dead-letter)')
    .option('--batch-size <n>', 'records per send', positiveInt, 500)
    .option('--partitions <n>', 'partitions of the topics when this replay creates them', positiveInt, 3)
    .option('--from-start', 'ignore recorded progress and replay the files from their first row')
    .option('--progress-topic <topic>', 'compacted topic where replays record how far they got', REPLAY_PROGRESS_TOPIC)
    .option('--currency <code>', 'ISO 4217 currency of the sales CSV amounts (the dataset names none)', SALES_CSV_CURRENCY)
    .action(async (files: string[], options: ReplayOptions, command: Command) => {
      // Every file is checked before the first is replayed, so a typo in the last stops nothing halfway.
      for (const file of files) await assertReadableFile(file);
      const config = configFrom(command);
      const driver = createKafkaDriver(config);
      const serde = new AvroSerde(createSchemaRegistryClient(config));
      const log = createLogger(config, 'replay');
      const abort = new AbortController();
      const stop = (): void => {
        if (abort.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE);
        console.error('\nstopping after the batch in hand (Ctrl-C again to quit at once)');
        abort.abort();
      };
      process.on('SIGINT', stop);
      const display = createReplayProgressDisplay(process.stdout);
      try {
        const totals = await replayCsv({
          files,
          kind: options.kind,
          topic: options.topic,
          driver,
          serde,
          speed: options.speed,
          batchSize: options.batchSize,
          partitions: options.partitions,
          currency: options.currency,
          fromStart: options.fromStart === true,
          progressTopic: options.progressTopic,
          signal: abort.signal,
          log,
          onProgress: (t) => { display.update(t); },
          ...(options.deadLetterTopic === undefined ? {} : { deadLetterTopic: options.deadLetterTopic }),
        })
          .catch((error: unknown) => { throw FileAccessError.of(failedPath(error) ?? files.join(', '), 'read', error); })
          .finally(() => { display.stop(); });
        console.log(describeTotals(totals));
        if (totals.interrupted) process.exitCode = INTERRUPTED_EXIT_CODE;
      } finally {
        process.off('SIGINT', stop);
      }
    });
}

/** The file a Node file-system error names. */
function failedPath(error: unknown): string | undefined {
  const { path } = error as { path?: unknown };
  return typeof path === 'string' ? path : undefined;
}

async function assertReadableFile(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
    const info = await stat(file);
    if (!info.isFile()) throw new FileAccessError(file, 'read', info.isDirectory() ? 'it is a directory' : 'not a regular file');
  } catch (error) {
    throw FileAccessError.of(file, 'read', error);
  }
}

function parseSpeed(value: string): ReplaySpeed {
  if (value === 'max') return 'max';
  const speed = Number(value);
  if (!(speed > 0 && Number.isFinite(speed))) throw new InvalidArgumentError('expected a positive number or max');
  return speed;
}

/** Commander parser of a whole number above zero; the generate command uses it too. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!(Number.isInteger(n) && n > 0)) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}
