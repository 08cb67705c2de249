import { randomUUID } from 'node:crypto';
import { IcebergTableError } from '../../errors/index.ts';
import { retry } from '../retry.ts';
import type { DataFile } from './data-file.ts';
import { metadataFolder, partitionSummaries, writeAddedManifest } from './fast-append.ts';
import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { TableIdentifier, TableMetadata } from './iceberg-types.ts';
import { writeManifestEntries, type ManifestEntry } from './manifest-file.ts';
import type { ManifestFile } from './manifest-list.ts';
import { carriedProperties, commitPolicy, commitSnapshot, newSnapshotId, snapshotSummary, tallyOf, writeSnapshot } from './snapshot-commit.ts';
import { deleted, liveDataFiles, partitionValues, snapshotManifests, specById, type LiveDataFile, type SnapshotManifest } from './snapshot-files.ts';
import { currentSchema, currentSnapshot } from './table-metadata.ts';

/** What one attempt of a replace commit removes and adds, decided on the table as it is at that attempt. */
export interface ReplacePlan {
  readonly remove: readonly LiveDataFile[];
  /** Written by the plan and not committed yet; deleted again if the attempt's commit is rejected. */
  readonly add: readonly DataFile[];
  /** Properties added to the snapshot summary (input offsets). */
  readonly summary?: Readonly<Record<string, string>>;
}

export interface ReplaceRequest {
  readonly catalog: IcebergRestCatalog;
  readonly io: IcebergFileIO;
  readonly id: TableIdentifier;
  /** `overwrite` when the table's data changes (an upsert), `replace` when it does not (compaction). */
  readonly operation: 'overwrite' | 'replace';
  /**
   * Called at each attempt with the head's metadata and live data files, and the plan of the
   * attempt before, rejected by a conflict; an empty plan commits nothing. Returning that plan
   * again reuses its written files (compaction, while the files it removes are still live);
   * a new plan has the earlier one's files deleted.
   */
  readonly plan: (head: TableMetadata, live: readonly LiveDataFile[], previous: ReplacePlan | undefined) => Promise<ReplacePlan>;
}

/**
 * Removes data files and adds others in ONE snapshot, so a reader sees the table before or after,
 * never both or neither: the mechanism of the gold tables' copy-on-write upserts and of compaction.
 * Manifests holding a removed file are rewritten with that entry DELETED (status 2, this snapshot's
 * id) and the others EXISTING with their sequence numbers; the rest are carried over as they are;
 * the new files get a manifest of their own. The commit asserts the head it read; on a conflict
 * (409) the attempt's manifests are deleted and the plan runs again on the new head, so a
 * concurrent writer's change to the same files is read, not overwritten; the plan may keep its
 * data files (a compaction whose files are untouched: an appending writer never starves it).
 */
export async function replaceFiles(request: ReplaceRequest): Promise<TableMetadata> {
  const { catalog, io, id } = request;
  let previous: ReplacePlan | undefined;
  const discard = async (plan: ReplacePlan | undefined): Promise<void> => {
    await Promise.all((plan?.add ?? []).map((file) => io.delete(file.location)));
  };
  return retry(async (attempt) => {
    const head = (await catalog.loadTable(id)).metadata;
    const parent = currentSnapshot(head);
    const manifests = parent === undefined ? [] : await snapshotManifests(io, parent);
    const live = liveDataFiles(head, manifests);
    const plan = await request.plan(head, live, previous);
    if (plan !== previous) await discard(previous);
    previous = plan;
    if (plan.remove.length === 0 && plan.add.length === 0) return head;
    const absent = plan.remove.find((file) => !live.some((candidate) => candidate.path === file.path));
    if (absent !== undefined) throw new IcebergTableError(`${id.name}: cannot remove ${absent.path}, which the table's head does not hold`);

    const schema = currentSchema(head);
    const snapshotId = newSnapshotId();
    const sequenceNumber = (head['last-sequence-number'] ?? 0) + 1;
    const metadataPath = metadataFolder(head);
    const written: string[] = [];
    const removed = new Set(plan.remove.map((file) => file.path));
    const kept: ManifestFile[] = [];
    for (const manifest of manifests) {
      const rewritten = rewriteWithout(manifest, removed, BigInt(snapshotId));
      if (rewritten === undefined) {
        kept.push(manifest.manifest);
        continue;
      }
      const path = `${metadataPath}/${randomUUID()}-m1.avro`;
      const spec = specById(head, manifest.manifest.partition_spec_id);
      const bytes = writeManifestEntries(schema, spec, rewritten);
      await io.write(path, bytes);
      written.push(path);
      const partitions = partitionSummaries(schema, spec, rewritten.map((entry) => partitionValues(head, spec, entry.data_file.partition)));
      kept.push({ ...rewrittenCounts(rewritten, BigInt(snapshotId), BigInt(sequenceNumber)), manifest_path: path, manifest_length: BigInt(bytes.length), partition_spec_id: manifest.manifest.partition_spec_id, partitions, key_metadata: null });
    }
    if (plan.add.length > 0) {
      const added = await writeAddedManifest(io, metadataPath, schema, specById(head, head['default-spec-id']), snapshotId, plan.add);
      written.push(added.path);
      kept.unshift(added.entry(sequenceNumber));
    }
    const snapshot = await writeSnapshot(io, metadataPath, attempt, {
      snapshotId,
      parent,
      sequenceNumber,
      schemaId: schema['schema-id'] ?? 0,
      manifests: kept,
      summary: { ...carriedProperties(parent), ...plan.summary, ...snapshotSummary(request.operation, parent, tallyOf(plan.add), tallyOf(plan.remove)) },
    });
    return commitSnapshot(catalog, io, id, head, snapshot, written);
  }, commitPolicy).catch(async (error: unknown) => {
    // Conflicts to the last: nothing committed, so the plan's files are no one's.
    if (commitPolicy.isRetriable(error)) await discard(previous);
    throw error;
  });
}

/**
 * The manifest's entries for the new snapshot when it holds a removed file: that one DELETED, the
 * other live ones EXISTING; entries deleted by earlier snapshots are dropped (they were that
 * snapshot's news). Undefined when the manifest holds none of the removed files.
 */
function rewriteWithout(manifest: SnapshotManifest, removed: ReadonlySet<string>, snapshotId: bigint): ManifestEntry[] | undefined {
  const live = manifest.entries.filter((entry) => entry.status !== deleted);
  if (!live.some((entry) => removed.has(entry.data_file.file_path))) return undefined;
  return live.map((entry) => (removed.has(entry.data_file.file_path) ? { ...entry, status: deleted, snapshot_id: snapshotId } : { ...entry, status: 0 }));
}

/** The manifest list counts of a rewritten manifest: it is this snapshot's, its entries existing or deleted, none added. */
function rewrittenCounts(
  entries: readonly ManifestEntry[],
  snapshotId: bigint,
  sequenceNumber: bigint,
): Pick<ManifestFile, 'content' | 'sequence_number' | 'min_sequence_number' | 'added_snapshot_id' | 'added_files_count' | 'existing_files_count' | 'deleted_files_count' | 'added_rows_count' | 'existing_rows_count' | 'deleted_rows_count'> {
  const existing = entries.filter((entry) => entry.status === 0);
  const gone = entries.filter((entry) => entry.status === deleted);
  const rows = (list: readonly ManifestEntry[]): bigint => list.reduce((sum, entry) => sum + entry.data_file.record_count, 0n);
  const sequences = entries.map((entry) => entry.sequence_number ?? sequenceNumber);
  return {
    content: 0,
    sequence_number: sequenceNumber,
    min_sequence_number: sequences.reduce((min, value) => (value < min ? value : min), sequenceNumber),
    added_snapshot_id: snapshotId,
    added_files_count: 0,
    existing_files_count: existing.length,
    deleted_files_count: gone.length,
    added_rows_count: 0n,
    existing_rows_count: rows(existing),
    deleted_rows_count: rows(gone),
  };
}
