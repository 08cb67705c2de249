import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { FileAccessError } from '../../errors/index.ts';
import { createKafkaDriver } from '../../infra/kafka/create-kafka-driver.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../schemas/serde/create-schema-registry-client.ts';
import { DEFAULT_GENERATOR_START, type GeneratorOptions } from '../../sources/generator/generated-event.ts';
import { withGeneratorKind, type GeneratorKindName } from '../../sources/generator/generator-kinds.ts';
import { generateOrders } from '../../sources/generator/order-generator.ts';
import { produceGenerated } from '../../sources/generator/produce-generated.ts';
import { writeSalesCsv } from '../../sources/generator/sales-csv-writer.ts';
import { configFrom } from '../global-options.ts';
import { positiveInt } from './replay-command.ts';

interface GenerateOptions {
  rate: number | 'max';
  count: number;
  seed: number;
  start: number;
  eventRate?: number;
  topic?: string;
  csv?: string;
  partitions: number;
  batchSize: number;
  fromStart?: boolean;
}

/** Lines of progress while producing: often enough to watch, rare enough for logs. */
const REPORT_EVERY_MS = 5_000;

export function generateCommand(): Command {
  return new Command('generate')
    .description('produce synthetic orders, observations or reviews at a target rate, deterministic by seed, or write orders as a sales CSV')
    .addArgument(new Argument('<kind>', 'what to generate').choices(['orders', 'observations', 'reviews']))
    .option('--rate <n|max>', 'records per second sent to Kafka (ignored for --csv)', parseRate, 'max')
    .option('--count <n>', 'how many records', positiveInt, 1000)
    .option('--seed <n>', 'seed: the same seed and options give the same records', parseSeed, 1)
    .option('--start <time>', 'event time of the first record: ISO 8601, or now (not reproducible)', parseStart, DEFAULT_GENERATOR_START)
    .option('--event-rate <n>', 'records per second of event time on average (default: --rate, or 1 with --rate max)', parsePositive)
    .addOption(new Option('--topic <topic>', 'produce to this topic as Avro').conflicts('csv'))
    .addOption(new Option('--csv <file>', 'write orders as a CSV with the 20 columns of the Amazon sales dataset').conflicts('topic'))
    .option('--partitions <n>', 'partitions of the topic when it is created here', positiveInt, 3)
    .option('--batch-size <n>', 'largest number of records per send', positiveInt, 500)
    .option('--from-start', 'ignore the progress of an earlier run with the same options and produce everything again')
    .action(async (kind: GeneratorKindName, options: GenerateOptions, command: Command) => {
      const eventsPerSecond = options.eventRate ?? (options.rate === 'max' ? 1 : options.rate);
      const spec: GeneratorOptions = { seed: options.seed, count: options.count, start: options.start, eventsPerSecond };
      if (options.csv !== undefined) {
        if (kind !== 'orders') command.error('shelfstream: error: --csv writes the sales CSV format, which only orders have', { exitCode: 2 });
        const file = options.csv;
        const rows = await writeSalesCsv(generateOrders(spec), file).catch((error: unknown) => { throw FileAccessError.of(file, 'write', error); });
        console.log(`wrote ${rows} orders to ${file} (seed ${options.seed})`);
        return;
      }
      const topic = options.topic ?? command.error('shelfstream: error: give --topic <topic> or --csv <file>', { exitCode: 2 });
      const config = configFrom(command);
      const abort = new AbortController();
      process.once('SIGINT', () => { abort.abort(); });
      let lastReport = Date.now();
      const totals = await withGeneratorKind(kind, (k) =>
        produceGenerated({
          events: k.generate(spec),
          schema: k.schema,
          topic,
          driver: createKafkaDriver(config),
          serde: new AvroSerde(createSchemaRegistryClient(config)),
          rate: options.rate,
          batchSize: options.batchSize,
          partitions: options.partitions,
          signal: abort.signal,
          ...(options.fromStart === true ? {} : { resumeKey: JSON.stringify([kind, spec, topic]) }),
          onProgress: (produced, elapsedMs) => {
            if (Date.now() - lastReport < REPORT_EVERY_MS) return;
            lastReport = Date.now();
            console.log(`${produced} of ${options.count} ${kind} produced, ${Math.round(produced / (elapsedMs / 1000))} per second`);
          },
        }),
      );
      const perSecond = Math.round(totals.produced / Math.max(totals.elapsedMs / 1000, 0.001));
      console.log(`${totals.produced} ${kind} produced to ${topic} in ${(totals.elapsedMs / 1000).toFixed(1)} s (${perSecond} per second, seed ${options.seed}); ${totals.skipped} already produced by an earlier run`);
      if (totals.interrupted) process.exitCode = 130;
    });
}

function parseRate(value: string): number | 'max' {
  return value === 'max' ? 'max' : parsePositive(value);
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!(n > 0 && Number.isFinite(n))) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= 0 && n < 2 ** 32)) throw new InvalidArgumentError('expected a whole number from 0 to 4294967295');
  return n;
}

function parseStart(value: string): number {
  if (value === 'now') return Date.now();
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidArgumentError('expected an ISO 8601 time such as 2024-01-01T00:00:00Z, or now');
  return time;
}
