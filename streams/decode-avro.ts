import { concatMap, type OperatorFunction } from 'rxjs';
import { NullValueError, ShelfstreamError } from '../errors/index.ts';
import type { AvroSchema } from '../schemas/avro-schema.ts';
import { KEY_SCHEMA } from '../schemas/record-keys.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { deadLetterOf, type Batch, type DeadLetter } from './batch.ts';
import type { StreamRecord } from './stream-record.ts';

export interface DecodeAvroOptions<V> {
  readonly step: string;
  readonly serde: AvroSerde;
  readonly value: AvroSchema<V>;
  /** Event time of a decoded value; the Kafka record timestamp when absent. */
  readonly eventTime?: (value: V) => number;
}

/**
 * Decodes Confluent-framed Avro keys and values, resolving each writer's schema by id against the
 * reader's. A record that cannot be decoded (garbage, wrong magic byte, unknown schema id, a body
 * that does not match its schema) becomes a dead letter; an error that may pass (registry
 * unreachable) is thrown, so the batch is retried rather than dead-lettered.
 */
export function decodeAvro<V>(options: DecodeAvroOptions<V>): OperatorFunction<Batch<Buffer | null>, Batch<V>> {
  const { step, serde, value: reader, eventTime } = options;
  return concatMap(async (batch) => {
    const decodeKey = await serde.deserializer(batch.records.map((r) => r.raw.key), KEY_SCHEMA);
    const decodeValue = await serde.deserializer(batch.records.map((r) => r.raw.value), reader);
    const records: StreamRecord<V>[] = [];
    const deadLetters: DeadLetter[] = [...batch.deadLetters];
    for (const record of batch.records) {
      // The origin is the error location's shape: no object per record for the rare error.
      const location = record.origin;
      try {
        if (record.raw.value === null) throw new NullValueError(location);
        const key = record.raw.key === null ? null : decodeKey(record.raw.key, location);
        const value = decodeValue(record.raw.value, location);
        records.push({ ...record, key, value, timestamp: eventTime ? eventTime(value) : record.timestamp });
      } catch (error) {
        if (error instanceof ShelfstreamError && !error.retriable) deadLetters.push(deadLetterOf(record, step, error));
        else throw error;
      }
    }
    return { ...batch, records, deadLetters };
  });
}

