import { KafkaClientError } from '../../../errors/index.ts';
import { retry } from '../../retry.ts';

/**
 * Waits until every partition of `topics` answers an offsets request from its leader. A topic the
 * controller has just created is listed before its leader serves it (on a fresh KRaft broker for
 * seconds), and a consumer joining, a table loading or a producer sending in that gap fails with
 * UNKNOWN_TOPIC_OR_PARTITION or NOT_LEADER. `probe` reads one topic's offsets; a retriable client
 * error means "not yet".
 */
export async function awaitTopicsServed(topics: readonly string[], probe: (topic: string) => Promise<unknown>): Promise<void> {
  await Promise.all(
    topics.map((topic) =>
      retry(() => probe(topic), {
        retries: 20,
        initialDelayMs: 100,
        maxDelayMs: 2_000,
        isRetriable: (error) => error instanceof KafkaClientError && error.retriable,
      }),
    ),
  );
}
