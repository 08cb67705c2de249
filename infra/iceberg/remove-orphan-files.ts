import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { TableMetadata } from './iceberg-types.ts';
import { deleted, snapshotManifests } from './snapshot-files.ts';

export interface OrphanOptions {
  /** Only objects last written before this instant (epoch ms) may go: a writer's files not yet committed are newer. */
  readonly olderThanMs: number;
  /** List what would go, delete nothing. */
  readonly dryRun?: boolean;
}

/**
 * Deletes the objects under the table's location that no snapshot still in its metadata
 * references: data files live in none of them, manifests and manifest lists of none (files a
 * writer wrote and never committed, or that expired snapshots alone held). Metadata JSON files are
 * the catalog's and stay; so does anything written after the cutoff, which may belong to a commit
 * in flight. Returns the orphans' locations.
 */
export async function removeOrphanFiles(io: IcebergFileIO, metadata: TableMetadata, options: OrphanOptions): Promise<string[]> {
  const referenced = new Set<string>();
  for (const snapshot of metadata.snapshots ?? []) {
    referenced.add(snapshot['manifest-list']);
    for (const { manifest, entries } of await snapshotManifests(io, snapshot)) {
      referenced.add(manifest.manifest_path);
      for (const entry of entries) if (entry.status !== deleted) referenced.add(entry.data_file.file_path);
    }
  }
  const orphans = (await io.listObjects(`${metadata.location.replace(/\/+$/, '')}/`))
    .filter((object) => !referenced.has(object.location) && !object.location.endsWith('.metadata.json') && object.lastModified.getTime() < options.olderThanMs)
    .map((object) => object.location);
  if (options.dryRun !== true) for (const location of orphans) await io.delete(location);
  return orphans;
}
