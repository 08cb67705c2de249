import type * as Rdkafka from 'node-rdkafka';
import { KafkaClientError } from '../../../errors/index.ts';
import { awaitTopicsServed } from '../driver-core/await-topics-served.ts';
import { topicsToCreate } from '../driver-core/topics-to-create.ts';
import type { KafkaAdmin } from '../kafka-driver.ts';
import { loadRdkafka, type RdkafkaConfig } from './load-rdkafka.ts';
import { rdkafkaCall } from './rdkafka-call.ts';

export async function rdkafkaAdmin(base: RdkafkaConfig, timeoutMs: number): Promise<KafkaAdmin> {
  const kafka = loadRdkafka();
  const admin = kafka.AdminClient.create(base);
  // The admin client has no metadata call; a producer handle gives topics and brokers.
  const meta = new kafka.Producer(base);
  await rdkafkaCall<Rdkafka.Metadata>((cb) => meta.connect({ timeout: timeoutMs }, cb));
  const metadata = () =>
    rdkafkaCall<Rdkafka.Metadata>((cb) => {
      meta.getMetadata({ allTopics: true, timeout: timeoutMs }, cb);
    });
  return {
    async createTopics(topics) {
      for (const t of topicsToCreate(topics, (await metadata()).topics.map((m) => m.name))) {
        await rdkafkaCall<undefined>((cb) => {
          admin.createTopic(
            { topic: t.topic, num_partitions: t.partitions, replication_factor: t.replicationFactor, config: t.config },
            timeoutMs,
            (err) => { cb(err, undefined); },
          );
        });
      }
      await awaitTopicsServed(topics.map((t) => t.topic), async (topic) => {
        const partitions = (await metadata()).topics.find((m) => m.name === topic)?.partitions ?? [];
        if (partitions.length === 0) throw new KafkaClientError(`topic ${topic} not in the metadata yet`, 'UNKNOWN_TOPIC_OR_PARTITION', true);
        await Promise.all(partitions.map((p) =>
          rdkafkaCall<Rdkafka.WatermarkOffsets>((cb) => { meta.queryWatermarkOffsets(topic, p.id, timeoutMs, cb); }),
        ));
      });
    },
    listTopics: async () => (await metadata()).topics.map((t) => t.name).filter((n) => !n.startsWith('__')),
    async deleteTopics(topics) {
      for (const topic of topics) {
        await rdkafkaCall<undefined>((cb) => { admin.deleteTopic(topic, timeoutMs, (err) => { cb(err, undefined); }); });
      }
    },
    async describeCluster() {
      const m = await metadata();
      // librdkafka does not expose the cluster id through this binding; the broker ids prove the round trip.
      return { clusterId: '', brokers: m.brokers.map((b) => b.id) };
    },
    async groupPositions(groupId, topic) {
      const partitions = (await metadata()).topics.find((t) => t.name === topic)?.partitions.map((p) => p.id) ?? [];
      const ends = await Promise.all(partitions.map((partition) =>
        rdkafkaCall<Rdkafka.WatermarkOffsets>((cb) => { meta.queryWatermarkOffsets(topic, partition, timeoutMs, cb); }),
      ));
      // A consumer of the group that never subscribes reads its committed offsets without joining it.
      const consumer = new kafka.KafkaConsumer({ ...base, 'group.id': groupId, 'enable.auto.commit': false }, {});
      await rdkafkaCall<Rdkafka.Metadata>((cb) => consumer.connect({ timeout: timeoutMs }, cb));
      try {
        const committed = await rdkafkaCall<Rdkafka.TopicPartitionOffset[]>((cb) => {
          consumer.committed(partitions.map((partition) => ({ topic, partition })), timeoutMs, cb);
        });
        return partitions.map((partition, i) => {
          // librdkafka says a negative offset (OFFSET_INVALID) for a partition the group committed nothing in.
          const offset = committed.find((c) => c.partition === partition)?.offset;
          return { topic, partition, end: String(ends[i]?.highOffset ?? 0), committed: offset === undefined || offset < 0 ? undefined : String(offset) };
        });
      } finally {
        await rdkafkaCall<unknown>((cb) => consumer.disconnect(cb));
      }
    },
    async close() {
      admin.disconnect();
      await rdkafkaCall<unknown>((cb) => meta.disconnect(cb));
    },
  };
}
