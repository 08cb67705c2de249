import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** An error reported by a Kafka client library, kept with the library's own code and retriable flag. */
export class KafkaClientError extends ShelfstreamError {
  readonly code: string;
  readonly retriable: boolean;

  constructor(message: string, libraryCode: string | number, retriable: boolean, options: ShelfstreamErrorOptions = {}) {
    super(message, options);
    this.code = `KAFKA_${String(libraryCode).toUpperCase()}`;
    this.retriable = retriable;
  }
}
