import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** Why bytes are not a readable Confluent-framed Avro record. */
export type WireFormatProblem = 'BAD_MAGIC_BYTE' | 'TRUNCATED' | 'UNKNOWN_SCHEMA_ID' | 'BAD_AVRO_BODY';

/**
 * A record's bytes cannot be read: not framed by a Confluent serializer, cut short, written
 * with a schema id the registry does not know, or a body that does not match its schema.
 * Retrying the same bytes cannot help: the record belongs in the dead-letter topic.
 */
export class WireFormatError extends ShelfstreamError {
  readonly code: WireFormatProblem;
  readonly retriable = false;
  readonly schemaId: number | undefined;

  constructor(code: WireFormatProblem, message: string, options: ShelfstreamErrorOptions & { schemaId?: number } = {}) {
    super(message, options);
    this.code = code;
    this.schemaId = options.schemaId;
  }
}
