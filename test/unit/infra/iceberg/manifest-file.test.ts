import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAvroContainer } from '../../../../infra/iceberg/avro-container-file.ts';
import { icebergSchemaFromAvro } from '../../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { columnStatistics } from '../../../../infra/iceberg/column-statistics.ts';
import { writeManifest } from '../../../../infra/iceberg/manifest-file.ts';
import { readManifestList, writeManifestList } from '../../../../infra/iceberg/manifest-list.ts';
import { partitionSpec } from '../../../../infra/iceberg/partition-spec-builder.ts';

const schema = icebergSchemaFromAvro({
  type: 'record',
  name: 'Reading',
  fields: [
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'value', type: ['null', 'double'] },
  ],
});
const spec = partitionSpec(schema, [{ column: 'at', transform: 'day' }]);
const rows = [
  { at: 86_400_000, value: 2.5 },
  { at: 86_400_001, value: null },
  { at: 86_400_002, value: Number.NaN },
];

/** Decoded records as plain objects: avsc decodes records into instances of generated classes. */
const plain = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plain(field)]));
};

describe('manifests and manifest lists as Avro files', () => {
  it('a manifest carries the spec field ids in its header schema and the file statistics in its entry', () => {
    const bytes = writeManifest(schema, spec, 2n ** 62n, [
      { location: 's3://w/t/data/a.parquet', fileSizeInBytes: 100, recordCount: 3, partition: { at_day: 1 }, columns: columnStatistics(schema, rows) },
    ]);
    const { records, metadata } = readAvroContainer(bytes);
    const header = JSON.parse(metadata['avro.schema'] ?? '{}') as { fields: { name: string; 'field-id': number }[] };
    assert.deepEqual(header.fields.map((field) => [field.name, field['field-id']]), [['status', 0], ['snapshot_id', 1], ['sequence_number', 3], ['file_sequence_number', 4], ['data_file', 2]]);
    assert.match(metadata['avro.schema'] ?? '', /"name":"at_day","type":\["null",\{"type":"int","logicalType":"date"\}\],"default":null,"field-id":1000/);
    assert.deepEqual([metadata['format-version'], metadata.content, metadata['partition-spec-id']], ['2', 'data', '0']);
    assert.deepEqual(JSON.parse(metadata.schema ?? '{}'), schema);

    const entries = plain(records) as { status: number; snapshot_id: bigint; data_file: Record<string, unknown> }[];
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.ok(entry !== undefined);
    assert.equal(entry.status, 1);
    assert.equal(entry.snapshot_id, 2n ** 62n);
    const file = entry.data_file;
    assert.deepEqual(file.partition, { at_day: 1 });
    assert.deepEqual(file.value_counts, [{ key: 1, value: 3n }, { key: 2, value: 3n }]);
    assert.deepEqual(file.null_value_counts, [{ key: 1, value: 0n }, { key: 2, value: 1n }]);
    assert.deepEqual(file.nan_value_counts, [{ key: 2, value: 1n }]);
    const bound = (map: unknown, key: number): string =>
      ((map as { key: number; value: Buffer }[]).find((e) => e.key === key)?.value ?? Buffer.alloc(0)).toString('hex');
    // 86_400_000 ms as microseconds, little-endian; the NaN and the null stay out of the double's bounds.
    const micros = Buffer.alloc(8);
    micros.writeBigInt64LE(86_400_000_000n);
    assert.equal(bound(file.lower_bounds, 1), micros.toString('hex'));
    assert.equal(bound(file.upper_bounds, 2), '0000000000000440');
  });

  it('a manifest list reads back what it was written with, 64-bit ids intact', () => {
    const manifest = {
      manifest_path: 's3://w/t/metadata/m0.avro',
      manifest_length: 4321n,
      partition_spec_id: 0,
      content: 0,
      sequence_number: 7n,
      min_sequence_number: 7n,
      added_snapshot_id: 9_007_199_254_740_993n,
      added_files_count: 2,
      existing_files_count: 0,
      deleted_files_count: 0,
      added_rows_count: 10n,
      existing_rows_count: 0n,
      deleted_rows_count: 0n,
      partitions: [{ contains_null: false, contains_nan: false, lower_bound: Buffer.from([1, 0, 0, 0]), upper_bound: Buffer.from([2, 0, 0, 0]) }],
      key_metadata: null,
    };
    const bytes = writeManifestList([manifest], { snapshotId: 9_007_199_254_740_993n, parentSnapshotId: undefined, sequenceNumber: 7n });
    assert.deepEqual(readManifestList(bytes), [manifest]);
    const { metadata } = readAvroContainer(bytes);
    assert.deepEqual([metadata['snapshot-id'], metadata['parent-snapshot-id'], metadata['sequence-number']], ['9007199254740993', 'null', '7']);
    assert.match(metadata['avro.schema'] ?? '', /"element-id":508/);
  });
});
