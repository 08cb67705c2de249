import { concatMap, type OperatorFunction } from 'rxjs';
import { ShelfstreamError, WireFormatError } from '../../errors/index.ts';
import { decodeConfluent, HEADER_SIZE, MAGIC_BYTE } from '../../schemas/serde/confluent-wire-format.ts';
import type { Batch } from '../batch.ts';
import type { StreamRecord } from '../stream-record.ts';
import type { WriterSchema, WriterSchemas } from './writer-schemas.ts';

/** A row of a bronze table: the record columns of bronze-table-schema.ts, then the decoded fields by name. */
export type BronzeRow = Record<string, unknown>;

/**
 * Raw records as bronze rows, one per record, for any topic: each value decoded with the schema it
 * was written with (its Confluent id, not a reader's schema, so a field a newer version added is
 * kept), beside its bytes exactly as received and its Kafka coordinates. A value that does not
 * decode (not framed, unknown id, a body its schema cannot read, a tombstone) still lands, with
 * its decoded columns null and `_decode_error` saying why: bronze keeps what arrived. Nothing is
 * dead-lettered here; an error that may pass (registry down) fails the batch, to be retried.
 */
export function bronzeRows(schemas: WriterSchemas): OperatorFunction<Batch<Buffer | null>, Batch<BronzeRow>> {
  return concatMap(async (batch) => {
    const writers = new Map<number, WriterSchema | ShelfstreamError>();
    for (const id of new Set(batch.records.map((record) => framedId(record.raw.value)).filter((id) => id !== undefined))) writers.set(id, await schemas.get(id));
    const records = batch.records.map((record): StreamRecord<BronzeRow> => ({ ...record, value: bronzeRow(record, writers) }));
    return { ...batch, records };
  });
}

function bronzeRow(record: StreamRecord<Buffer | null>, writers: ReadonlyMap<number, WriterSchema | ShelfstreamError>): BronzeRow {
  const value = record.raw.value;
  const schemaId = framedId(value);
  const columns: BronzeRow = {
    _kafka_topic: record.origin.topic,
    _kafka_partition: record.origin.partition,
    _kafka_offset: BigInt(record.origin.offset),
    _kafka_timestamp: record.timestamp,
    _kafka_key: record.raw.key,
    _schema_id: schemaId ?? null,
    _raw: value,
    _decode_error: null,
  };
  const decoded = decode(value, writers);
  return 'error' in decoded ? { ...columns, _decode_error: decoded.error } : { ...decoded.fields, ...columns };
}

function decode(value: Buffer | null, writers: ReadonlyMap<number, WriterSchema | ShelfstreamError>): { fields: Record<string, unknown> } | { error: string } {
  if (value === null) return { error: 'NULL_VALUE: a tombstone has no value' };
  let writer: WriterSchema | ShelfstreamError | undefined;
  try {
    const { schemaId, body } = decodeConfluent(value);
    writer = writers.get(schemaId);
    if (writer === undefined || writer instanceof ShelfstreamError) throw writer ?? new WireFormatError('UNKNOWN_SCHEMA_ID', `schema id ${schemaId} was not looked up`);
    return { fields: writer.type.fromBuffer(body) as Record<string, unknown> };
  } catch (error) {
    if (error instanceof ShelfstreamError) return { error: `${error.code}: ${error.message}` };
    return { error: `BAD_AVRO_BODY: body does not decode with writer schema ${(writer as WriterSchema).id}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The schema id of a Confluent-framed value; undefined when the value is not framed. */
function framedId(value: Buffer | null): number | undefined {
  if (value === null || value.length < HEADER_SIZE || value[0] !== MAGIC_BYTE) return undefined;
  return value.readInt32BE(1);
}
