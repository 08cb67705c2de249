import type { DataFile } from './data-file.ts';
import type { IcebergTable } from './iceberg-table.ts';
import { partitionKey, type LiveDataFile } from './snapshot-files.ts';

/** Iceberg's default `write.target-file-size-bytes`, used when the table sets none. */
const defaultTargetFileSize = 512 * 1024 * 1024;

export interface CompactOptions {
  /** Only the partition whose value shows as this (`2026-01-01` for a day partition); every partition when absent. */
  readonly partition?: string;
  /** Bytes a rewritten file aims at; the table's `write.target-file-size-bytes`, else Iceberg's 512 MiB. */
  readonly targetFileSizeBytes?: number;
  /** Small files a partition must hold to be rewritten; 2 by default. */
  readonly minFiles?: number;
}

export interface CompactResult {
  readonly partitions: number;
  readonly removed: number;
  readonly added: number;
}

/**
 * Rewrites the small files of each partition (below three quarters of the target size, as
 * Iceberg's rewrite-data-files counts them; `minFiles` or more in a partition) into files near the target
 * size, in ONE `replace` snapshot through infra/iceberg/replace-files.ts: readers see the old files
 * or the new ones, with the same rows. A writer committing meanwhile makes the plan run again on
 * its snapshot, so compaction never drops what an upsert or append just committed.
 */
export async function compactFiles(table: IcebergTable, options: CompactOptions = {}): Promise<CompactResult> {
  const target = options.targetFileSizeBytes ?? Number(table.metadata.properties?.['write.target-file-size-bytes'] ?? defaultTargetFileSize);
  let result: CompactResult = { partitions: 0, removed: 0, added: 0 };
  await table.replace('replace', async (head, live, previous) => {
    // A writer's commit rejected the last attempt: its rewrite still holds while every file it removes is live.
    if (previous !== undefined && previous.remove.every((file) => live.some((candidate) => candidate.path === file.path))) return previous;
    const groups = new Map<string, LiveDataFile[]>();
    for (const file of live) {
      if (file.specId !== head['default-spec-id'] || file.fileSizeInBytes >= target * 0.75) continue;
      if (options.partition !== undefined && !table.partitionShownAs(file.partition, options.partition)) continue;
      groups.set(partitionKey(file.partition), [...(groups.get(partitionKey(file.partition)) ?? []), file]);
    }
    const small = [...groups.values()].filter((files) => files.length >= Math.max(2, options.minFiles ?? 2));
    const add: DataFile[] = [];
    for (const files of small) {
      const rows = (await Promise.all(files.map((file) => table.readDataFile(file.path)))).flat();
      const bytesPerRow = files.reduce((sum, file) => sum + file.fileSizeInBytes, 0) / Math.max(1, rows.length);
      const perFile = Math.max(1, Math.floor(target / Math.max(1, bytesPerRow)));
      for (let i = 0; i < rows.length; i += perFile) add.push(...(await table.writeDataFiles(rows.slice(i, i + perFile))));
    }
    const remove = small.flat();
    result = { partitions: small.length, removed: remove.length, added: add.length };
    return { remove, add };
  });
  return result;
}
