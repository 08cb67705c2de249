import type { Secret } from '../../config/index.ts';
import type { KafkaDriver, KafkaProducer } from '../../infra/kafka/kafka-driver.ts';
import type { Logger } from '../../infra/logger.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { MarketplaceApiClient } from '../../sources/poller/marketplace-api-client.ts';
import { MarketplacePoller } from '../../sources/poller/marketplace-poller.ts';
import { cursorTopicSpec, KafkaCursorStore } from '../../sources/poller/poller-cursor-store.ts';

export interface OpenPollerOptions {
  readonly driver: KafkaDriver;
  /** Connected by the caller, who disconnects it after polling; the cursor store shares it. */
  readonly producer: KafkaProducer;
  readonly serde: AvroSerde;
  readonly api: { readonly url: string; readonly apiKey: Secret; readonly pageSize: number };
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly cursorTopic: string;
  /** Key of the poller's cursor: a poller with the same id resumes where the last one stopped. */
  readonly pollerId: string;
  /** Partitions of the observation and dead-letter topics when they are created here. */
  readonly partitions: number;
  /** `source` of the observations; the poller's default when absent. */
  readonly source?: string;
  readonly since?: string;
  readonly log: Logger;
}

/** Creates the poller's topics and a poller resuming from its cursor in Kafka, as `shelfstream poll` runs it. */
export async function openPoller(o: OpenPollerOptions): Promise<MarketplacePoller> {
  const admin = await o.driver.admin();
  try {
    await admin.createTopics([
      { topic: o.topic, partitions: o.partitions },
      { topic: o.deadLetterTopic, partitions: o.partitions },
      cursorTopicSpec(o.cursorTopic),
    ]);
  } finally {
    await admin.close();
  }
  return new MarketplacePoller({
    client: new MarketplaceApiClient(o.api),
    producer: o.producer,
    serde: o.serde,
    topic: o.topic,
    deadLetterTopic: o.deadLetterTopic,
    cursor: new KafkaCursorStore(o.driver, o.producer, o.pollerId, o.cursorTopic),
    onRetry: (error, attempt) => { o.log.warn({ err: error, attempt }, 'page request failed; retrying'); },
    ...(o.source === undefined ? {} : { source: o.source }),
    ...(o.since === undefined ? {} : { since: o.since }),
  });
}
