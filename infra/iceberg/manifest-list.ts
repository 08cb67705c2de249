import { readAvroContainer, writeAvroContainer } from './avro-container-file.ts';

/** One `manifest_file` record of a manifest list (spec v2, field ids 500..519), longs as bigints. */
export interface ManifestFile {
  readonly manifest_path: string;
  readonly manifest_length: bigint;
  readonly partition_spec_id: number;
  readonly content: number;
  readonly sequence_number: bigint;
  readonly min_sequence_number: bigint;
  readonly added_snapshot_id: bigint;
  readonly added_files_count: number;
  readonly existing_files_count: number;
  readonly deleted_files_count: number;
  readonly added_rows_count: bigint;
  readonly existing_rows_count: bigint;
  readonly deleted_rows_count: bigint;
  readonly partitions: readonly PartitionFieldSummary[] | null;
  readonly key_metadata: Buffer | null;
}

export interface PartitionFieldSummary {
  readonly contains_null: boolean;
  readonly contains_nan: boolean | null;
  readonly lower_bound: Buffer | null;
  readonly upper_bound: Buffer | null;
}

/**
 * A v2 manifest list: the snapshot's manifests, in the spec's `manifest_file` Avro schema with its
 * field ids, and the header keys (snapshot-id, parent-snapshot-id, sequence-number, format-version).
 */
export function writeManifestList(
  manifests: readonly ManifestFile[],
  snapshot: { readonly snapshotId: bigint; readonly parentSnapshotId: bigint | undefined; readonly sequenceNumber: bigint },
): Buffer {
  return writeAvroContainer(manifestFileSchema, manifests, {
    'snapshot-id': String(snapshot.snapshotId),
    'parent-snapshot-id': snapshot.parentSnapshotId === undefined ? 'null' : String(snapshot.parentSnapshotId),
    'sequence-number': String(snapshot.sequenceNumber),
    'format-version': '2',
  });
}

/** The manifests a manifest list names, whoever wrote it; fields of later format versions are dropped. */
export function readManifestList(bytes: Buffer): ManifestFile[] {
  return readAvroContainer(bytes).records.map((record) => ({
    manifest_path: record.manifest_path as string,
    manifest_length: record.manifest_length as bigint,
    partition_spec_id: record.partition_spec_id as number,
    content: (record.content as number | undefined) ?? 0,
    sequence_number: (record.sequence_number as bigint | undefined) ?? 0n,
    min_sequence_number: (record.min_sequence_number as bigint | undefined) ?? 0n,
    added_snapshot_id: record.added_snapshot_id as bigint,
    added_files_count: (record.added_files_count as number | null) ?? 0,
    existing_files_count: (record.existing_files_count as number | null) ?? 0,
    deleted_files_count: (record.deleted_files_count as number | null) ?? 0,
    added_rows_count: (record.added_rows_count as bigint | null) ?? 0n,
    existing_rows_count: (record.existing_rows_count as bigint | null) ?? 0n,
    deleted_rows_count: (record.deleted_rows_count as bigint | null) ?? 0n,
    partitions:
      (record.partitions as PartitionFieldSummary[] | null)?.map((summary) => ({
        contains_null: summary.contains_null,
        contains_nan: summary.contains_nan,
        lower_bound: summary.lower_bound,
        upper_bound: summary.upper_bound,
      })) ?? null,
    key_metadata: (record.key_metadata as Buffer | null) ?? null,
  }));
}

const manifestFileSchema = {
  type: 'record',
  name: 'manifest_file',
  fields: [
    { name: 'manifest_path', type: 'string', doc: 'Location URI with FS scheme', 'field-id': 500 },
    { name: 'manifest_length', type: 'long', doc: 'Total file size in bytes', 'field-id': 501 },
    { name: 'partition_spec_id', type: 'int', doc: 'Spec ID used to write', 'field-id': 502 },
    { name: 'content', type: 'int', doc: 'Contents of the manifest: 0=data, 1=deletes', 'field-id': 517 },
    { name: 'sequence_number', type: 'long', doc: 'Sequence number when the manifest was added', 'field-id': 515 },
    { name: 'min_sequence_number', type: 'long', doc: 'Lowest sequence number in the manifest', 'field-id': 516 },
    { name: 'added_snapshot_id', type: 'long', doc: 'Snapshot ID that added the manifest', 'field-id': 503 },
    { name: 'added_files_count', type: 'int', doc: 'Added entry count', 'field-id': 504 },
    { name: 'existing_files_count', type: 'int', doc: 'Existing entry count', 'field-id': 505 },
    { name: 'deleted_files_count', type: 'int', doc: 'Deleted entry count', 'field-id': 506 },
    { name: 'added_rows_count', type: 'long', doc: 'Added rows count', 'field-id': 512 },
    { name: 'existing_rows_count', type: 'long', doc: 'Existing rows count', 'field-id': 513 },
    { name: 'deleted_rows_count', type: 'long', doc: 'Deleted rows count', 'field-id': 514 },
    {
      name: 'partitions',
      type: [
        'null',
        {
          type: 'array',
          items: {
            type: 'record',
            name: 'r508',
            fields: [
              { name: 'contains_null', type: 'boolean', doc: 'True if any file has a null partition value', 'field-id': 509 },
              { name: 'contains_nan', type: ['null', 'boolean'], default: null, doc: 'True if any file has a nan partition value', 'field-id': 518 },
              { name: 'lower_bound', type: ['null', 'bytes'], default: null, doc: 'Partition lower bound for all files', 'field-id': 510 },
              { name: 'upper_bound', type: ['null', 'bytes'], default: null, doc: 'Partition upper bound for all files', 'field-id': 511 },
            ],
          },
          'element-id': 508,
        },
      ],
      default: null,
      doc: 'Summary for each partition',
      'field-id': 507,
    },
    { name: 'key_metadata', type: ['null', 'bytes'], default: null, doc: 'Encryption key metadata blob', 'field-id': 519 },
  ],
};
