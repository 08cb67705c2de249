import type { ShelfstreamConfig } from '../../config/index.ts';
import { ServiceUnavailableError } from '../../errors/index.ts';
import { describeCause } from '../describe-cause.ts';
import { withDeadline } from '../with-deadline.ts';
import { createKafkaDriver } from './create-kafka-driver.ts';

export interface KafkaStatus {
  readonly brokers: readonly string[];
  readonly brokerIds: readonly number[];
  readonly clusterId: string;
  readonly topics: number;
}

/** One metadata round trip within the connect timeout, or an error naming SHELFSTREAM_KAFKA_BROKERS. */
export async function probeKafka(config: ShelfstreamConfig): Promise<KafkaStatus> {
  const setting = 'SHELFSTREAM_KAFKA_BROKERS';
  const fail = (detail: string, cause?: unknown) =>
    new ServiceUnavailableError('Kafka', setting, `${config.kafka.brokers.join(',')}: ${detail}`, { cause });
  // Always kafkajs: it fails fast on a refused connection, where librdkafka keeps reconnecting.
  const driver = createKafkaDriver(config, 'kafkajs');
  const work = (async () => {
    const admin = await driver.admin();
    try {
      const cluster = await admin.describeCluster();
      const topics = await admin.listTopics();
      return { brokers: config.kafka.brokers, brokerIds: cluster.brokers, clusterId: cluster.clusterId, topics: topics.length };
    } finally {
      await admin.close();
    }
  })();
  try {
    return await withDeadline(work, config.connectTimeoutMs, () => fail(`no Kafka answer within ${config.connectTimeoutMs} ms`));
  } catch (error) {
    if (error instanceof ServiceUnavailableError) {
      work.catch(() => undefined);
      throw error;
    }
    throw fail(describeCause(error), error);
  }
}
