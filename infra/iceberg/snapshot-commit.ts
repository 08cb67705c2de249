import { CatalogError } from '../../errors/index.ts';
import { randomUUID } from 'node:crypto';
import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { Snapshot, TableIdentifier, TableMetadata } from './iceberg-types.ts';
import { writeManifestList, type ManifestFile } from './manifest-list.ts';

/** Attempts of one commit: each 409 means another writer committed first, and costs a rebuild on the new head. */
export const commitPolicy = {
  retries: 20,
  initialDelayMs: 50,
  maxDelayMs: 2_000,
  isRetriable: (error: unknown): boolean => error instanceof CatalogError && error.status === 409,
};

/**
 * A positive snapshot id below 2^53, so ours are plain numbers; other writers' 63-bit ids are
 * read and written back exactly as bigints (parseExact in iceberg-rest-catalog.ts).
 */
export function newSnapshotId(): number {
  return Math.floor(Math.random() * (Number.MAX_SAFE_INTEGER - 1)) + 1;
}

/** A snapshot about to be committed: its manifests and where it goes in main's history. */
export interface SnapshotDraft {
  readonly snapshotId: number;
  readonly parent: Snapshot | undefined;
  readonly sequenceNumber: number;
  readonly schemaId: number;
  readonly manifests: readonly ManifestFile[];
  readonly summary: Snapshot['summary'];
}

/** Writes the draft's manifest list (a new file per attempt) and returns the snapshot naming it. */
export async function writeSnapshot(io: IcebergFileIO, metadataPath: string, attempt: number, draft: SnapshotDraft): Promise<Snapshot> {
  const { snapshotId, parent, sequenceNumber } = draft;
  const listPath = `${metadataPath}/snap-${snapshotId}-${attempt}-${randomUUID()}.avro`;
  await io.write(
    listPath,
    writeManifestList(draft.manifests, {
      snapshotId: BigInt(snapshotId),
      parentSnapshotId: parent === undefined ? undefined : BigInt(parent['snapshot-id']),
      sequenceNumber: BigInt(sequenceNumber),
    }),
  );
  return {
    'snapshot-id': snapshotId,
    ...(parent === undefined ? {} : { 'parent-snapshot-id': parent['snapshot-id'] }),
    'sequence-number': sequenceNumber,
    'timestamp-ms': Date.now(),
    'manifest-list': listPath,
    'schema-id': draft.schemaId,
    summary: draft.summary,
  };
}

/**
 * Makes `snapshot` the head of main, asserting the head it was built on (`head`'s) and its schema.
 * A rejected commit (409) applied nothing, so the files it alone referenced (its manifest list
 * and `uncommitted`: new manifests, data files) are deleted before the error is rethrown for a retry.
 */
export async function commitSnapshot(
  catalog: IcebergRestCatalog,
  io: IcebergFileIO,
  id: TableIdentifier,
  head: TableMetadata,
  snapshot: Snapshot,
  uncommitted: readonly string[],
): Promise<TableMetadata> {
  try {
    const committed = await catalog.commitTable(
      id,
      [
        { type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': snapshot['parent-snapshot-id'] ?? null },
        { type: 'assert-current-schema-id', 'current-schema-id': head['current-schema-id'] },
      ],
      [
        { action: 'add-snapshot', snapshot },
        { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': snapshot['snapshot-id'] },
      ],
    );
    return committed.metadata;
  } catch (error) {
    if (commitPolicy.isRetriable(error)) await Promise.all([snapshot['manifest-list'], ...uncommitted].map((location) => io.delete(location)));
    throw error;
  }
}

/** Files, records and bytes a snapshot adds or removes. */
export interface FileTally {
  readonly files: number;
  readonly records: number;
  readonly size: number;
}

export const tallyOf = (files: readonly { readonly recordCount: number; readonly fileSizeInBytes: number }[]): FileTally => ({
  files: files.length,
  records: files.reduce((sum, file) => sum + file.recordCount, 0),
  size: files.reduce((sum, file) => sum + file.fileSizeInBytes, 0),
});

/** Summary properties this project's writers record (the sinks' input offsets, `shelfstream.offsets.*`). */
const CARRIED_PREFIX = 'shelfstream.';

/**
 * The parent's project properties, for a new snapshot to carry forward under its own: then the head
 * alone records every position any writer reached, so a compaction (which records none) or an
 * expiry of older snapshots never loses one. A writer's own properties override the carried ones.
 */
export function carriedProperties(parent: Snapshot | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(parent?.summary ?? {}).filter(([key]) => key.startsWith(CARRIED_PREFIX)));
}

/** The spec's snapshot summary metrics: what this snapshot added and removed, and the table's totals after it. */
export function snapshotSummary(operation: string, parent: Snapshot | undefined, added: FileTally, removed: FileTally): Record<string, string> & { operation: string } {
  const total = (key: string, delta: number): string => String(Number(parent?.summary[key] ?? 0) + delta);
  return {
    operation,
    'added-data-files': String(added.files),
    'added-records': String(added.records),
    'added-files-size': String(added.size),
    ...(removed.files === 0
      ? {}
      : { 'deleted-data-files': String(removed.files), 'deleted-records': String(removed.records), 'removed-files-size': String(removed.size) }),
    'total-data-files': total('total-data-files', added.files - removed.files),
    'total-records': total('total-records', added.records - removed.records),
    'total-files-size': total('total-files-size', added.size - removed.size),
    'total-delete-files': parent?.summary['total-delete-files'] ?? '0',
    'total-position-deletes': parent?.summary['total-position-deletes'] ?? '0',
    'total-equality-deletes': parent?.summary['total-equality-deletes'] ?? '0',
  };
}
