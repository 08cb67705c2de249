import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { SnapshotId, TableIdentifier, TableMetadata } from './iceberg-types.ts';
import { currentSnapshot, mainAncestors } from './table-metadata.ts';

export interface ExpireOptions {
  /** Snapshots committed before this instant (epoch ms) may go. */
  readonly olderThanMs: number;
  /** The newest this many snapshots of main's history stay, however old. */
  readonly retainLast: number;
}

/**
 * Removes old snapshots from the table's metadata (the REST update `remove-snapshots`), as
 * Iceberg's expire-snapshots does: never main's head, the newest `retainLast` of its history, a
 * snapshot another ref points at, or one newer than the cutoff. The commit asserts the head it
 * read, so a concurrent writer makes it fail rather than lose its snapshot. Data and manifest files
 * no longer reachable stay on the object store until `remove-orphans`. Returns the removed ids.
 */
export async function expireSnapshots(catalog: IcebergRestCatalog, id: TableIdentifier, metadata: TableMetadata, options: ExpireOptions): Promise<SnapshotId[]> {
  const retained = new Set(mainAncestors(metadata).slice(0, Math.max(1, options.retainLast)).map((snapshot) => snapshot['snapshot-id']));
  for (const ref of Object.values(metadata.refs ?? {})) retained.add(ref['snapshot-id']);
  const expired = (metadata.snapshots ?? [])
    .filter((snapshot) => !retained.has(snapshot['snapshot-id']) && snapshot['timestamp-ms'] < options.olderThanMs)
    .map((snapshot) => snapshot['snapshot-id']);
  if (expired.length === 0) return [];
  await catalog.commitTable(id, [{ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': currentSnapshot(metadata)?.['snapshot-id'] ?? null }], [{ action: 'remove-snapshots', 'snapshot-ids': expired }]);
  return expired;
}
