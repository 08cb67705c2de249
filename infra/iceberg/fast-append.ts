import { randomUUID } from 'node:crypto';
import { IcebergTableError } from '../../errors/index.ts';
import { retry } from '../retry.ts';
import type { DataFile } from './data-file.ts';
import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { IcebergPrimitive, IcebergSchema, PartitionSpec, TableIdentifier, TableMetadata } from './iceberg-types.ts';
import { writeManifest } from './manifest-file.ts';
import { readManifestList, type ManifestFile, type PartitionFieldSummary } from './manifest-list.ts';
import { transformResultType } from './partition-transforms.ts';
import { compareValues, encodeSingleValue } from './single-value-encoding.ts';
import { carriedProperties, commitPolicy, commitSnapshot, newSnapshotId, snapshotSummary, tallyOf, writeSnapshot } from './snapshot-commit.ts';
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
  const metadataPath = metadataFolder(request.base);
  const added = await writeAddedManifest(io, metadataPath, schema, spec, snapshotId, files);

  let head = request.base;
  return retry(async (attempt) => {
    if (attempt > 0) head = (await catalog.loadTable(id)).metadata;
    if (head['current-schema-id'] !== schema['schema-id']) {
      throw new IcebergTableError(`schema of ${id.name} changed from ${schema['schema-id']} to ${head['current-schema-id']}: the files must be written again`);
    }
    const parent = currentSnapshot(head);
    const sequenceNumber = (head['last-sequence-number'] ?? 0) + 1;
    const existing = parent === undefined ? [] : readManifestList(await io.read(parent['manifest-list']));
    const snapshot = await writeSnapshot(io, metadataPath, attempt, {
      snapshotId,
      parent,
      sequenceNumber,
      schemaId: schema['schema-id'] ?? 0,
      manifests: [added.entry(sequenceNumber), ...existing],
      summary: { ...carriedProperties(parent), ...request.summary, ...snapshotSummary('append', parent, tallyOf(files), tallyOf([])) },
    });
    return commitSnapshot(catalog, io, id, head, snapshot, []);
  }, commitPolicy);
}

/** Where a table's manifests and manifest lists go. */
export const metadataFolder = (metadata: TableMetadata): string => metadata.properties?.['write.metadata.path'] ?? `${metadata.location}/metadata`;

/**
 * Writes the manifest of a snapshot's new files; its manifest list entry takes the sequence number
 * the commit attempt gets, as the entries inherit it.
 */
export async function writeAddedManifest(
  io: IcebergFileIO,
  metadataPath: string,
  schema: IcebergSchema,
  spec: PartitionSpec,
  snapshotId: number,
  files: readonly DataFile[],
): Promise<{ readonly path: string; entry(sequenceNumber: number): ManifestFile }> {
  const bytes = writeManifest(schema, spec, BigInt(snapshotId), files);
  const path = `${metadataPath}/${randomUUID()}-m0.avro`;
  await io.write(path, bytes);
  const tally = tallyOf(files);
  return {
    path,
    entry: (sequenceNumber) => ({
      manifest_path: path,
      manifest_length: BigInt(bytes.length),
      partition_spec_id: spec['spec-id'] ?? 0,
      content: 0,
      sequence_number: BigInt(sequenceNumber),
      min_sequence_number: BigInt(sequenceNumber),
      added_snapshot_id: BigInt(snapshotId),
      added_files_count: tally.files,
      existing_files_count: 0,
      deleted_files_count: 0,
      added_rows_count: BigInt(tally.records),
      existing_rows_count: 0n,
      deleted_rows_count: 0n,
      partitions: partitionSummaries(schema, spec, files.map((file) => file.partition)),
      key_metadata: null,
    }),
  };
}

/** Per partition field, whether any file has a null value and the range of the values: manifest-level pruning. */
export function partitionSummaries(schema: IcebergSchema, spec: PartitionSpec, partitions: readonly Readonly<Record<string, unknown>>[]): PartitionFieldSummary[] {
  return spec.fields.map((field) => {
    const type = transformResultType(field.transform, partitionSource(schema, field).type) as IcebergPrimitive;
    const values = partitions.map((partition) => partition[field.name]);
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
