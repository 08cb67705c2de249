import type { TopicSpec } from './kafka-driver.ts';

/**
 * The configuration a topic is created with: the spec's own entries over Shelfstream's defaults.
 *
 * The log is the source of truth, and records carry their event time as the Kafka timestamp.
 * Under a broker's default time retention (7 days) a replay of last year's orders would be
 * deleted at the broker's next retention check, mid-run, and every table rebuilt from it would
 * be short. So a topic without a retention of its own keeps its records until an operator says
 * otherwise (`retention.ms=-1`), as Kafka Streams does for its repartition topics.
 */
export function topicConfig(spec: TopicSpec): Record<string, string> {
  return { 'retention.ms': '-1', ...spec.config };
}
