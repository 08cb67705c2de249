import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../../errors/index.ts';
import { createKafkaDriver } from '../../infra/kafka/create-kafka-driver.ts';
import { createLogger } from '../../infra/logger.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../schemas/serde/create-schema-registry-client.ts';
import { POLLER_CURSOR_TOPIC } from '../../sources/poller/poller-cursor-store.ts';
import { configFrom } from '../global-options.ts';
import { openPoller } from './open-poller.ts';

interface PollOptions {
  topic: string;
  interval: number;
  once?: boolean;
  deadLetterTopic?: string;
  cursorTopic: string;
  pollerId?: string;
  pageSize: number;
  since?: string;
  partitions: number;
}

export function pollCommand(): Command {
  return new Command('poll')
    .description('poll the marketplace product-data API into Kafka as Avro MarketplaceObservations, resuming from the cursor kept in Kafka')
    .requiredOption('--topic <topic>', 'topic to produce the observations to')
    .option('--interval <ms>', 'time between polls', positiveInt, 60_000)
    .option('--once', 'poll until the API has no more pages, print the summary and exit')
    .option('--dead-letter-topic <topic>', 'topic for items that cannot be mapped and pages that stay malformed (default <topic>.dead-letter)')
    .option('--cursor-topic <topic>', 'compacted topic where pollers keep their cursors', POLLER_CURSOR_TOPIC)
    .option('--poller-id <id>', 'key of this poller\'s cursor (default marketplace-api:<topic>)')
    .option('--page-size <n>', 'items per API page (1 to 100)', positiveInt, 100)
    .option('--since <time>', 'where a poller without a saved cursor starts (ISO 8601); the start of the feed by default', isoTime)
    .option('--partitions <n>', 'partitions of the topics when this command creates them', positiveInt, 3)
    .action(async (options: PollOptions, command: Command) => {
      const config = configFrom(command);
      if (config.marketplaceApi.apiKey.isEmpty) {
        throw new ConfigError([{ env: 'SHELFSTREAM_MARKETPLACE_API_KEY', flag: '--marketplace-api-key', message: 'shelfstream poll needs the API key' }]);
      }
      const log = createLogger(config, 'poll');
      const driver = createKafkaDriver(config);
      const producer = driver.producer();
      await producer.connect();
      try {
        const poller = await openPoller({
          driver,
          producer,
          serde: new AvroSerde(createSchemaRegistryClient(config)),
          api: { url: config.marketplaceApi.url, apiKey: config.marketplaceApi.apiKey, pageSize: options.pageSize },
          topic: options.topic,
          deadLetterTopic: options.deadLetterTopic ?? `${options.topic}.dead-letter`,
          cursorTopic: options.cursorTopic,
          pollerId: options.pollerId ?? `marketplace-api:${options.topic}`,
          partitions: options.partitions,
          log,
          ...(options.since === undefined ? {} : { since: options.since }),
        });
        if (options.once === true) {
          console.log(JSON.stringify(await poller.pollOnce()));
          return;
        }
        const abort = new AbortController();
        const stop = (signal: string): void => {
          log.info({ signal }, 'stopping after the page in hand');
          abort.abort();
        };
        process.once('SIGINT', () => { stop('SIGINT'); });
        process.once('SIGTERM', () => { stop('SIGTERM'); });
        log.info({ api: config.marketplaceApi.url, topic: options.topic, intervalMs: options.interval }, 'polling');
        await poller.run(options.interval, abort.signal, (result) => {
          if (result instanceof Error) log.warn({ err: result }, 'poll failed; trying again next interval from the same cursor');
          else log.info(result, 'poll done');
        });
      } finally {
        await producer.disconnect();
      }
    });
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!(Number.isInteger(n) && n > 0)) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function isoTime(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected an ISO 8601 time such as 2024-01-01T00:00:00Z');
  }
  return value;
}
