import type { Admin } from 'kafkajs';
import { awaitTopicsServed } from '../driver-core/await-topics-served.ts';
import { topicsToCreate } from '../driver-core/topics-to-create.ts';
import type { KafkaAdmin } from '../kafka-driver.ts';
import { kafkajsCall } from './kafkajs-error.ts';

export function kafkajsAdmin(admin: Admin): KafkaAdmin {
  return {
    async createTopics(topics) {
      const missing = topicsToCreate(topics, await kafkajsCall(() => admin.listTopics()));
      if (missing.length > 0) {
        await kafkajsCall(
          () =>
            admin.createTopics({
              // Not kafkajs' own wait: it gives up at once when the fresh topic's metadata still says
              // UNKNOWN_TOPIC_OR_PARTITION (CI's deployment runs died on it); awaitTopicsServed below retries that.
              waitForLeaders: false,
              topics: missing.map((t) => ({
                topic: t.topic,
                numPartitions: t.partitions,
                replicationFactor: t.replicationFactor,
                configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
              })),
            }),
          { topic: missing.map((t) => t.topic).join(',') },
        );
      }
      await awaitTopicsServed(topics.map((t) => t.topic), (topic) => kafkajsCall(() => admin.fetchTopicOffsets(topic), { topic }));
    },
    listTopics: () => kafkajsCall(() => admin.listTopics()),
    async deleteTopics(topics) {
      await kafkajsCall(() => admin.deleteTopics({ topics: [...topics] }));
    },
    async describeCluster() {
      const cluster = await kafkajsCall(() => admin.describeCluster());
      return { clusterId: cluster.clusterId, brokers: cluster.brokers.map((b) => b.nodeId) };
    },
    async groupPositions(groupId, topic) {
      const ends = await kafkajsCall(() => admin.fetchTopicOffsets(topic), { topic });
      const [committed] = await kafkajsCall(() => admin.fetchOffsets({ groupId, topics: [topic] }), { topic });
      return ends.map(({ partition, high }) => {
        // kafkajs says -1 for a partition the group committed nothing in.
        const offset = committed?.partitions.find((p) => p.partition === partition)?.offset;
        return { topic, partition, end: high, committed: offset === undefined || BigInt(offset) < 0n ? undefined : offset };
      });
    },
    close: () => kafkajsCall(() => admin.disconnect()),
  };
}
