import type { GroupPosition, KafkaAdmin, TopicSpec } from '../kafka-driver.ts';
import type { InMemoryCluster } from './in-memory-cluster.ts';

/** The admin of an in-memory cluster: one broker, id 1. Topic configs are accepted and not applied (no compaction, no retention). */
export class InMemoryAdmin implements KafkaAdmin {
  readonly #cluster: InMemoryCluster;

  constructor(cluster: InMemoryCluster) {
    this.#cluster = cluster;
  }

  createTopics(topics: readonly TopicSpec[]): Promise<void> {
    return settle(() => {
      for (const spec of topics) this.#cluster.createTopic(spec);
    });
  }

  listTopics(): Promise<string[]> {
    return settle(() => this.#cluster.topics());
  }

  deleteTopics(topics: readonly string[]): Promise<void> {
    return settle(() => {
      for (const topic of topics) this.#cluster.deleteTopic(topic);
    });
  }

  describeCluster(): Promise<{ clusterId: string; brokers: number[] }> {
    return settle(() => ({ clusterId: this.#cluster.clusterId, brokers: [1] }));
  }

  groupPositions(groupId: string, topic: string): Promise<GroupPosition[]> {
    return settle(() =>
      Array.from({ length: this.#cluster.partitionCount(topic) }, (_, partition) => ({
        topic,
        partition,
        end: String(this.#cluster.log(topic, partition).end),
        committed: this.#cluster.committedOffset(groupId, { topic, partition }),
      })),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Runs `fn` now, turning a throw into a rejection as a broker's answer would be. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(fn());
  });
}
