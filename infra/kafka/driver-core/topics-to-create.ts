import type { TopicSpec } from '../kafka-driver.ts';
import { topicConfig } from '../topic-config.ts';

/** A topic to create, with every setting decided: each client only renames the fields. */
export interface TopicCreation {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly config: Record<string, string>;
}

/** The specs of topics that do not exist yet: existing topics are left as they are. */
export function topicsToCreate(specs: readonly TopicSpec[], existing: Iterable<string>): TopicCreation[] {
  const present = new Set(existing);
  return specs
    .filter((spec) => !present.has(spec.topic))
    .map((spec) => ({ topic: spec.topic, partitions: spec.partitions, replicationFactor: spec.replicationFactor ?? 1, config: topicConfig(spec) }));
}
