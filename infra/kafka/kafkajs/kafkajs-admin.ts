import type { Admin } from 'kafkajs';
import { topicsToCreate } from '../driver-core/topics-to-create.ts';
import type { KafkaAdmin } from '../kafka-driver.ts';
import { kafkajsCall } from './kafkajs-error.ts';

export function kafkajsAdmin(admin: Admin): KafkaAdmin {
  return {
    async createTopics(topics) {
      const missing = topicsToCreate(topics, await kafkajsCall(() => admin.listTopics()));
      if (missing.length === 0) return;
      await kafkajsCall(() =>
        admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((t) => ({
            topic: t.topic,
            numPartitions: t.partitions,
            replicationFactor: t.replicationFactor,
            configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
          })),
        }),
      );
    },
    listTopics: () => kafkajsCall(() => admin.listTopics()),
    async deleteTopics(topics) {
      await kafkajsCall(() => admin.deleteTopics({ topics: [...topics] }));
    },
    async describeCluster() {
      const cluster = await kafkajsCall(() => admin.describeCluster());
      return { clusterId: cluster.clusterId, brokers: cluster.brokers.map((b) => b.nodeId) };
    },
    close: () => kafkajsCall(() => admin.disconnect()),
  };
}
