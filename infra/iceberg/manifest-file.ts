import { readAvroContainer, writeAvroContainer } from './avro-container-file.ts';
import { primitives } from './avro-to-iceberg-schema.ts';
import type { DataFile } from './data-file.ts';
import type { IcebergPrimitive, IcebergSchema, PartitionSpec } from './iceberg-types.ts';
import { transformResultType } from './partition-transforms.ts';
import { partitionSource } from './table-metadata.ts';

/** One manifest entry as avsc reads and writes it (status 0 existing, 1 added, 2 deleted), longs as bigints. */
export interface ManifestEntry {
  readonly status: number;
  readonly snapshot_id: bigint | null;
  readonly sequence_number: bigint | null;
  readonly file_sequence_number: bigint | null;
  /** The spec's `data_file` record (field ids 100..140), partition values in their Avro encoding. */
  readonly data_file: DataFileRecord;
}

export interface DataFileRecord {
  readonly content: number;
  readonly file_path: string;
  readonly partition: Readonly<Record<string, unknown>>;
  readonly record_count: bigint;
  readonly file_size_in_bytes: bigint;
  readonly [field: string]: unknown;
}

/**
 * A v2 data manifest: one `manifest_entry` per added data file, in the Avro schema of the spec's
 * "Manifests" section with its field ids (status 0, snapshot_id 1, sequence_number 3,
 * file_sequence_number 4, data_file 2 and the data_file fields 100..140), and the header keys
 * readers expect (schema, partition-spec, partition-spec-id, format-version, content).
 * Added entries leave their sequence numbers null: they inherit the manifest list's.
 */
export function writeManifest(schema: IcebergSchema, spec: PartitionSpec, snapshotId: bigint, files: readonly DataFile[]): Buffer {
  const partitionFields = partitionAvroFields(schema, spec);
  const entries = files.map((file) => ({
    status: 1,
    snapshot_id: snapshotId,
    sequence_number: null,
    file_sequence_number: null,
    data_file: {
      content: 0,
      file_path: file.location,
      file_format: 'PARQUET',
      partition: Object.fromEntries(partitionFields.map((field) => [field.name, partitionValue(field.type, file.partition[field.name])])),
      record_count: BigInt(file.recordCount),
      file_size_in_bytes: BigInt(file.fileSizeInBytes),
      column_sizes: null,
      value_counts: intMap(file, (s) => BigInt(s.valueCount)),
      null_value_counts: intMap(file, (s) => BigInt(s.nullCount)),
      nan_value_counts: intMap(file, (s) => (s.nanCount === undefined ? undefined : BigInt(s.nanCount))),
      lower_bounds: intMap(file, (s) => s.lower),
      upper_bounds: intMap(file, (s) => s.upper),
      key_metadata: null,
      split_offsets: null,
      equality_ids: null,
      sort_order_id: null,
    },
  }));
  return writeManifestEntries(schema, spec, entries);
}

/** A data manifest of entries as they are (a manifest rewritten with some files marked deleted keeps the others' records). */
export function writeManifestEntries(schema: IcebergSchema, spec: PartitionSpec, entries: readonly ManifestEntry[]): Buffer {
  return writeAvroContainer(manifestEntrySchema(partitionAvroFields(schema, spec)), entries, {
    schema: JSON.stringify(schema),
    'schema-id': String(schema['schema-id'] ?? 0),
    'partition-spec': JSON.stringify(spec.fields),
    'partition-spec-id': String(spec['spec-id'] ?? 0),
    'format-version': '2',
    content: 'data',
  });
}

/** The entries of a data manifest, whoever wrote it, with null sequence numbers and snapshot ids left for the caller to inherit. */
export function readManifestEntries(bytes: Buffer): ManifestEntry[] {
  return readAvroContainer(bytes).records.map((record) => ({
    status: record.status as number,
    snapshot_id: (record.snapshot_id as bigint | null | undefined) ?? null,
    sequence_number: (record.sequence_number as bigint | null | undefined) ?? null,
    file_sequence_number: (record.file_sequence_number as bigint | null | undefined) ?? null,
    data_file: record.data_file as DataFileRecord,
  }));
}

interface PartitionAvroField {
  readonly name: string;
  readonly fieldId: number;
  readonly type: IcebergPrimitive;
}

function partitionAvroFields(schema: IcebergSchema, spec: PartitionSpec): PartitionAvroField[] {
  return spec.fields.map((field) => {
    const source = partitionSource(schema, field);
    return { name: field.name, fieldId: field['field-id'] ?? 1000, type: transformResultType(field.transform, source.type) as IcebergPrimitive };
  });
}

/** Avro types of partition values: the primitive mapping read backwards, plus the transforms' logical results. */
const avroPrimitives: Partial<Record<IcebergPrimitive, object | string>> = {
  ...Object.fromEntries(Object.entries(primitives).map(([avro, iceberg]) => [iceberg, avro])),
  date: { type: 'int', logicalType: 'date' },
  timestamptz: { type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': true },
};

function partitionValue(type: IcebergPrimitive, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'long') return BigInt(value as number);
  if (type === 'timestamptz') return BigInt(value as number) * 1000n;
  return value;
}

function intMap<T>(file: DataFile, pick: (statistics: NonNullable<ReturnType<DataFile['columns']['get']>>) => T | undefined): { key: number; value: T }[] {
  const entries: { key: number; value: T }[] = [];
  for (const [key, statistics] of file.columns) {
    const value = pick(statistics);
    if (value !== undefined) entries.push({ key, value });
  }
  return entries;
}

const optional = (type: object | string): unknown[] => ['null', type];

function intKeyMap(fieldId: number, name: string, keyId: number, valueId: number, valueType: string, doc: string): object {
  return {
    name,
    type: optional({
      type: 'array',
      logicalType: 'map',
      items: {
        type: 'record',
        name: `k${keyId}_v${valueId}`,
        fields: [
          { name: 'key', type: 'int', 'field-id': keyId },
          { name: 'value', type: valueType, 'field-id': valueId },
        ],
      },
    }),
    default: null,
    doc,
    'field-id': fieldId,
  };
}

function longList(fieldId: number, name: string, elementId: number, doc: string): object {
  return { name, type: optional({ type: 'array', items: 'long', 'element-id': elementId }), default: null, doc, 'field-id': fieldId };
}

function manifestEntrySchema(partitionFields: readonly PartitionAvroField[]): object {
  return {
    type: 'record',
    name: 'manifest_entry',
    fields: [
      { name: 'status', type: 'int', 'field-id': 0 },
      { name: 'snapshot_id', type: optional('long'), default: null, 'field-id': 1 },
      { name: 'sequence_number', type: optional('long'), default: null, 'field-id': 3 },
      { name: 'file_sequence_number', type: optional('long'), default: null, 'field-id': 4 },
      {
        name: 'data_file',
        'field-id': 2,
        type: {
          type: 'record',
          name: 'r2',
          fields: [
            { name: 'content', type: 'int', doc: 'Contents of the file: 0=data, 1=position deletes, 2=equality deletes', 'field-id': 134 },
            { name: 'file_path', type: 'string', doc: 'Location URI with FS scheme', 'field-id': 100 },
            { name: 'file_format', type: 'string', doc: 'File format name: avro, orc, or parquet', 'field-id': 101 },
            {
              name: 'partition',
              type: {
                type: 'record',
                name: 'r102',
                fields: partitionFields.map((field) => ({ name: field.name, type: optional(avroPrimitives[field.type] ?? 'string'), default: null, 'field-id': field.fieldId })),
              },
              doc: 'Partition data tuple, schema based on the partition spec',
              'field-id': 102,
            },
            { name: 'record_count', type: 'long', doc: 'Number of records in the file', 'field-id': 103 },
            { name: 'file_size_in_bytes', type: 'long', doc: 'Total file size in bytes', 'field-id': 104 },
            intKeyMap(108, 'column_sizes', 117, 118, 'long', 'Map of column id to total size on disk'),
            intKeyMap(109, 'value_counts', 119, 120, 'long', 'Map of column id to total count, including null and NaN'),
            intKeyMap(110, 'null_value_counts', 121, 122, 'long', 'Map of column id to null value count'),
            intKeyMap(137, 'nan_value_counts', 138, 139, 'long', 'Map of column id to number of NaN values in the column'),
            intKeyMap(125, 'lower_bounds', 126, 127, 'bytes', 'Map of column id to lower bound'),
            intKeyMap(128, 'upper_bounds', 129, 130, 'bytes', 'Map of column id to upper bound'),
            { name: 'key_metadata', type: optional('bytes'), default: null, doc: 'Encryption key metadata blob', 'field-id': 131 },
            longList(132, 'split_offsets', 133, 'Splittable offsets'),
            { name: 'equality_ids', type: optional({ type: 'array', items: 'int', 'element-id': 136 }), default: null, doc: 'Equality comparison field IDs', 'field-id': 135 },
            { name: 'sort_order_id', type: optional('int'), default: null, doc: 'Sort order ID', 'field-id': 140 },
          ],
        },
      },
    ],
  };
}
