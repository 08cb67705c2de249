import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergSchema, PartitionSpec, Snapshot, SnapshotId, TableMetadata } from './iceberg-types.ts';
import { liveDataFiles, snapshotManifests, type LiveDataFile } from './snapshot-files.ts';
import { currentSchema, currentSnapshot, defaultSpec } from './table-metadata.ts';

/** What `shelfstream iceberg describe` shows of a table: its schema, partitioning, history and the files its head reads. */
export interface TableDescription {
  readonly location: string;
  readonly formatVersion: number;
  readonly schema: IcebergSchema;
  readonly spec: PartitionSpec;
  /** Oldest first. */
  readonly snapshots: readonly Snapshot[];
  readonly currentSnapshotId: SnapshotId | undefined;
  /** The data files of the current snapshot. */
  readonly files: readonly LiveDataFile[];
}

export async function describeTable(io: IcebergFileIO, metadata: TableMetadata): Promise<TableDescription> {
  const head = currentSnapshot(metadata);
  return {
    location: metadata.location,
    formatVersion: metadata['format-version'],
    schema: currentSchema(metadata),
    spec: defaultSpec(metadata),
    snapshots: [...(metadata.snapshots ?? [])].sort((a, b) => a['timestamp-ms'] - b['timestamp-ms']),
    currentSnapshotId: head?.['snapshot-id'],
    files: head === undefined ? [] : liveDataFiles(metadata, await snapshotManifests(io, head)),
  };
}
