import { KafkaClientError } from '../../errors/index.ts';
import { retry } from '../retry.ts';
import type { KafkaAdmin } from './kafka-driver.ts';

/**
 * Deletes the topics that exist and waits until the cluster no longer lists them: deletion is
 * asynchronous, and a topic still listed would not be created again by the next start (admins
 * create only missing topics). Returns the topics deleted.
 */
export async function deleteTopicsAndWait(admin: KafkaAdmin, topics: readonly string[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const doomed = topics.filter((t) => existing.has(t));
  if (doomed.length === 0) return [];
  await admin.deleteTopics(doomed);
  await retry(
    async () => {
      const listed = new Set(await admin.listTopics());
      const pending = doomed.filter((t) => listed.has(t));
      if (pending.length > 0) throw new KafkaClientError(`topics still being deleted: ${pending.join(', ')}`, 'topic_deletion_pending', true);
    },
    { retries: 20, initialDelayMs: 200, maxDelayMs: 2_000, isRetriable: (error) => error instanceof KafkaClientError && error.retriable },
  );
  return doomed;
}
