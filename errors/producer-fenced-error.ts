import { KafkaClientError } from './kafka-client-error.ts';
import type { ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * A transactional producer was replaced by a newer one with the same transactional id (the
 * partition's next owner), or its transaction timed out: its transaction is aborted, and retrying
 * cannot help because this producer may never write again. The task that owned it must stop.
 */
export class ProducerFencedError extends KafkaClientError {
  readonly transactionalId: string;

  constructor(transactionalId: string, options: ShelfstreamErrorOptions = {}) {
    super(`transactional producer ${transactionalId} was fenced by a newer producer with the same id`, 'producer_fenced', false, options);
    this.transactionalId = transactionalId;
  }
}
