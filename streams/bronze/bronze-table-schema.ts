import { icebergSchemaFromAvro, type AvroRecordSchema } from '../../infra/iceberg/avro-to-iceberg-schema.ts';
import { evolvedSchema } from '../../infra/iceberg/evolve-schema.ts';
import type { IcebergSchema, NestedField, PartitionSpec } from '../../infra/iceberg/iceberg-types.ts';
import { partitionSpec } from '../../infra/iceberg/partition-spec-builder.ts';

/**
 * The columns every bronze table starts with, ids 1..8 in every one of them: where the record was
 * in Kafka and what it was, byte for byte. The decoded columns follow, from the writer schemas.
 */
export const bronzeRecordColumns: readonly NestedField[] = [
  { id: 1, name: '_kafka_topic', type: 'string', required: true },
  { id: 2, name: '_kafka_partition', type: 'int', required: true },
  { id: 3, name: '_kafka_offset', type: 'long', required: true },
  { id: 4, name: '_kafka_timestamp', type: 'timestamptz', required: true, doc: 'The record timestamp: event time, as the sources write it' },
  { id: 5, name: '_kafka_key', type: 'binary', required: false, doc: 'The key as received' },
  { id: 6, name: '_schema_id', type: 'int', required: false, doc: 'The Confluent wire-format schema id; null when the value is not framed' },
  { id: 7, name: '_raw', type: 'binary', required: false, doc: 'The value as received, framing included; null for a tombstone' },
  { id: 8, name: '_decode_error', type: 'string', required: false, doc: 'Why the decoded columns are null: the value did not decode, or the table cannot take its schema' },
];

const recordColumnsOnly: IcebergSchema = { type: 'struct', 'schema-id': 0, fields: bronzeRecordColumns };

/**
 * A bronze table's schema for records written with `writer`: the record columns, then the writer
 * schema's fields as optional columns (the Avro-to-Iceberg mapping; optional because a record that
 * does not decode has none). Without a writer, the record columns alone: a table whose topic has no
 * registered schema yet, which gains its columns as schemas appear.
 */
export function bronzeTableSchema(writer?: AvroRecordSchema): IcebergSchema {
  if (writer === undefined) return recordColumnsOnly;
  // The decoded fields are numbered after the record columns, which are matched by name and kept.
  const wanted: IcebergSchema = { type: 'struct', fields: [...bronzeRecordColumns, ...icebergSchemaFromAvro(writer).fields] };
  return evolvedSchema(recordColumnsOnly, wanted, bronzeRecordColumns.length)?.schema ?? recordColumnsOnly;
}

/** Every bronze table is partitioned by day of its Kafka timestamp, which every record has. */
export const bronzePartitionSpec = (schema: IcebergSchema): PartitionSpec => partitionSpec(schema, [{ column: '_kafka_timestamp', transform: 'day' }]);

/** The names of the record columns, to tell them from the decoded ones in a row. */
export const bronzeRecordColumnNames: ReadonlySet<string> = new Set(bronzeRecordColumns.map((column) => column.name));
