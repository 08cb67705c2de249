import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergTable } from './iceberg-table.ts';
import { liveDataFiles, snapshotManifests } from './snapshot-files.ts';

/** Every row of a table's current snapshot, file after file, in the row convention (none when it has no snapshot). */
export async function readTableRows(table: IcebergTable, io: IcebergFileIO): Promise<Record<string, unknown>[]> {
  const snapshot = table.currentSnapshot;
  if (snapshot === undefined) return [];
  const files = liveDataFiles(table.metadata, await snapshotManifests(io, snapshot));
  const rows: Record<string, unknown>[] = [];
  for (const file of files) rows.push(...(await table.readDataFile(file.path)));
  return rows;
}
