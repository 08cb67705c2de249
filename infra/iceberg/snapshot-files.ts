import { IcebergTableError } from '../../errors/index.ts';
import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergPrimitive, PartitionSpec, Snapshot, TableMetadata } from './iceberg-types.ts';
import { readManifestEntries, type ManifestEntry } from './manifest-file.ts';
import { readManifestList, type ManifestFile } from './manifest-list.ts';
import { transformResultType } from './partition-transforms.ts';
import { currentSchema, partitionSource } from './table-metadata.ts';

/** A manifest of a snapshot and its entries, snapshot ids and sequence numbers inherited as the spec says. */
export interface SnapshotManifest {
  readonly manifest: ManifestFile;
  readonly entries: readonly ManifestEntry[];
}

/** A data file live in a snapshot: what its manifest entry says of it. */
export interface LiveDataFile {
  readonly path: string;
  /** By partition field name, in the row convention of the transforms' result types (days for `day`). */
  readonly partition: Readonly<Record<string, unknown>>;
  readonly recordCount: number;
  readonly fileSizeInBytes: number;
  readonly specId: number;
}

export async function snapshotManifests(io: IcebergFileIO, snapshot: Snapshot): Promise<SnapshotManifest[]> {
  const manifests = readManifestList(await io.read(snapshot['manifest-list']));
  return Promise.all(
    manifests.map(async (manifest) => ({
      manifest,
      entries: readManifestEntries(await io.read(manifest.manifest_path)).map((entry) => inherit(manifest, entry)),
    })),
  );
}

/** The data files a snapshot's scan reads: entries added or existing, not deleted. */
export function liveDataFiles(metadata: TableMetadata, manifests: readonly SnapshotManifest[]): LiveDataFile[] {
  return manifests.flatMap(({ manifest, entries }) =>
    entries
      .filter((entry) => entry.status !== deleted && entry.data_file.content === 0)
      .map((entry) => ({
        path: entry.data_file.file_path,
        partition: partitionValues(metadata, specById(metadata, manifest.partition_spec_id), entry.data_file.partition),
        recordCount: Number(entry.data_file.record_count),
        fileSizeInBytes: Number(entry.data_file.file_size_in_bytes),
        specId: manifest.partition_spec_id,
      })),
  );
}

/** Manifest entry status of a file the snapshot removed. */
export const deleted = 2;

export function specById(metadata: TableMetadata, specId: number): PartitionSpec {
  const spec = metadata['partition-specs'].find((candidate) => (candidate['spec-id'] ?? 0) === specId);
  if (spec === undefined) throw new IcebergTableError(`table metadata has no partition spec ${specId}`);
  return spec;
}

/** Same partition tuple: the key files of one partition share. */
export const partitionKey = (partition: Readonly<Record<string, unknown>>): string =>
  JSON.stringify(Object.keys(partition).sort().map((name) => [name, partition[name]]));

/** Entries written with null snapshot id or sequence numbers take their manifest's (the spec's inheritance). */
function inherit(manifest: ManifestFile, entry: ManifestEntry): ManifestEntry {
  return {
    ...entry,
    snapshot_id: entry.snapshot_id ?? manifest.added_snapshot_id,
    sequence_number: entry.sequence_number ?? manifest.sequence_number,
    file_sequence_number: entry.file_sequence_number ?? manifest.sequence_number,
  };
}

/** Partition values as Avro decodes them (longs as bigints, timestamps in µs) into the row convention. */
export function partitionValues(metadata: TableMetadata, spec: PartitionSpec, avro: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const schema = currentSchema(metadata);
  return Object.fromEntries(
    spec.fields.map((field) => {
      const value = avro[field.name];
      const type = transformResultType(field.transform, partitionSource(schema, field).type) as IcebergPrimitive;
      if (value === null || value === undefined) return [field.name, null];
      if (type === 'timestamptz' || type === 'timestamp') return [field.name, Number(value) / 1000];
      return [field.name, typeof value === 'bigint' ? Number(value) : value];
    }),
  );
}
