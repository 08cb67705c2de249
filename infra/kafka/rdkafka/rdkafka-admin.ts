import type * as Rdkafka from 'node-rdkafka';
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
    async close() {
      admin.disconnect();
      await rdkafkaCall<unknown>((cb) => meta.disconnect(cb));
    },
  };
}
