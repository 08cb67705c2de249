import { randomUUID } from 'node:crypto';
import { CatalogError, IcebergTableError } from '../../errors/index.ts';
import { retry } from '../retry.ts';
import type { DataFile } from './data-file.ts';
import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { IcebergPrimitive, IcebergSchema, PartitionSpec, Snapshot, TableIdentifier, TableMetadata } from './iceberg-types.ts';
import { writeManifest } from './manifest-file.ts';
import { readManifestList, writeManifestList, type ManifestFile, type PartitionFieldSummary } from './manifest-list.ts';
import { transformResultType } from './partition-transforms.ts';
import { compareValues, encodeSingleValue } from './single-value-encoding.ts';
import { currentSnapshot, partitionSource } from './table-metadata.ts';

export interface AppendRequest {
  readonly catalog: IcebergRestCatalog;
  readonly io: IcebergFileIO;
  readonly id: TableIdentifier;
  /** The metadata the files were written against: its schema and partition spec. */
  readonly base: TableMetadata;
  readonly schema: IcebergSchema;
  readonly spec: PartitionSpec;
  readonly files: readonly DataFile[];
  /** Properties added to the snapshot summary, such as the input offsets the files hold. */
  readonly summary?: Readonly<Record<string, string>>;
}

/** Attempts of one commit: each 409 means another writer committed first, and costs only a new manifest list. */
const commitPolicy = {
  retries: 20,
  initialDelayMs: 50,
  maxDelayMs: 2_000,
  isRetriable: (error: unknown): boolean => error instanceof CatalogError && error.status === 409,
};

/**
 * Commits data files as one new `append` snapshot on the main branch, the way Iceberg's fast
 * append does: one new manifest for the files, and a manifest list naming it plus every manifest
 * of the current head. The commit asserts the head it was built on and the schema the files were
 * written with; when another writer got there first (409), the table is loaded again and only the
 * manifest list is rebuilt on the new head, so concurrent writers all land.
 */
export async function fastAppend(request: AppendRequest): Promise<TableMetadata> {
  const { catalog, io, id, schema, spec, files } = request;
  const snapshotId = newSnapshotId();
  const metadataPath = request.base.properties?.['write.metadata.path'] ?? `${request.base.location}/metadata`;
  const manifestBytes = writeManifest(schema, spec, BigInt(snapshotId), files);
  const manifestPath = `${metadataPath}/${randomUUID()}-m0.avro`;
  await io.write(manifestPath, manifestBytes);
  const addedRows = files.reduce((sum, file) => sum + file.recordCount, 0);
  const addedSize = files.reduce((sum, file) => sum + file.fileSizeInBytes, 0);

  let head = request.base;
  return retry(async (attempt) => {
    if (attempt > 0) head = (await catalog.loadTable(id)).metadata;
    if (head['current-schema-id'] !== schema['schema-id']) {
      throw new IcebergTableError(`schema of ${id.name} changed from ${schema['schema-id']} to ${head['current-schema-id']}: the files must be written again`);
    }
    const parent = currentSnapshot(head);
    const sequenceNumber = (head['last-sequence-number'] ?? 0) + 1;
    const existing = parent === undefined ? [] : readManifestList(await io.read(parent['manifest-list']));
    const added: ManifestFile = {
      manifest_path: manifestPath,
      manifest_length: BigInt(manifestBytes.length),
      partition_spec_id: spec['spec-id'] ?? 0,
      content: 0,
      sequence_number: BigInt(sequenceNumber),
      min_sequence_number: BigInt(sequenceNumber),
      added_snapshot_id: BigInt(snapshotId),
      added_files_count: files.length,
      existing_files_count: 0,
      deleted_files_count: 0,
      added_rows_count: BigInt(addedRows),
      existing_rows_count: 0n,
      deleted_rows_count: 0n,
      partitions: partitionSummaries(schema, spec, files),
      key_metadata: null,
    };
    const listPath = `${metadataPath}/snap-${snapshotId}-${attempt}-${randomUUID()}.avro`;
    await io.write(
      listPath,
      writeManifestList([added, ...existing], {
        snapshotId: BigInt(snapshotId),
        parentSnapshotId: parent === undefined ? undefined : BigInt(parent['snapshot-id']),
        sequenceNumber: BigInt(sequenceNumber),
      }),
    );
    const snapshot: Snapshot = {
      'snapshot-id': snapshotId,
      ...(parent === undefined ? {} : { 'parent-snapshot-id': parent['snapshot-id'] }),
      'sequence-number': sequenceNumber,
      'timestamp-ms': Date.now(),
      'manifest-list': listPath,
      'schema-id': schema['schema-id'] ?? 0,
      summary: { ...request.summary, ...appendSummary(parent, files.length, addedRows, addedSize) },
    };
    try {
      const committed = await catalog.commitTable(
        id,
        [
          { type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': parent?.['snapshot-id'] ?? null },
          { type: 'assert-current-schema-id', 'current-schema-id': head['current-schema-id'] },
        ],
        [
          { action: 'add-snapshot', snapshot },
          { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': snapshotId },
        ],
      );
      return committed.metadata;
    } catch (error) {
      // A rejected commit applied nothing: its manifest list is ours alone to remove.
      if (commitPolicy.isRetriable(error)) await io.delete(listPath);
      throw error;
    }
  }, commitPolicy);
}

/**
 * A positive snapshot id below 2^53: the REST catalog's JSON carries ids as numbers, which
 * JavaScript reads exactly only up to there.
 */
function newSnapshotId(): number {
  return Math.floor(Math.random() * (Number.MAX_SAFE_INTEGER - 1)) + 1;
}

function appendSummary(parent: Snapshot | undefined, addedFiles: number, addedRows: number, addedSize: number): Record<string, string> & { operation: string } {
  const total = (key: string, added: number): string => String(Number(parent?.summary[key] ?? 0) + added);
  return {
    operation: 'append',
    'added-data-files': String(addedFiles),
    'added-records': String(addedRows),
    'added-files-size': String(addedSize),
    'total-data-files': total('total-data-files', addedFiles),
    'total-records': total('total-records', addedRows),
    'total-files-size': total('total-files-size', addedSize),
    'total-delete-files': parent?.summary['total-delete-files'] ?? '0',
    'total-position-deletes': parent?.summary['total-position-deletes'] ?? '0',
    'total-equality-deletes': parent?.summary['total-equality-deletes'] ?? '0',
  };
}

/** Per partition field, whether any file has a null value and the range of the values: manifest-level pruning. */
function partitionSummaries(schema: IcebergSchema, spec: PartitionSpec, files: readonly DataFile[]): PartitionFieldSummary[] {
  return spec.fields.map((field) => {
    const type = transformResultType(field.transform, partitionSource(schema, field).type) as IcebergPrimitive;
    const values = files.map((file) => file.partition[field.name]);
    const present = values.filter((value) => value !== null && value !== undefined);
    const sorted = [...present].sort((a, b) => compareValues(type, a, b));
    return {
      contains_null: present.length < values.length,
      contains_nan: false,
      lower_bound: sorted.length === 0 ? null : encodeSingleValue(type, sorted[0]),
      upper_bound: sorted.length === 0 ? null : encodeSingleValue(type, sorted.at(-1)),
    };
  });
}
