import { CatalogError } from '../../errors/index.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { TableIdentifier } from './iceberg-types.ts';

/**
 * Drops a table with its files (purge), so the next ensure creates it empty, without the snapshots
 * whose summaries record the input offsets a sink holds; a table that does not exist is passed over.
 * Returns whether there was one.
 */
export async function dropTableIfExists(catalog: IcebergRestCatalog, table: TableIdentifier): Promise<boolean> {
  try {
    await catalog.dropTable(table, true);
    return true;
  } catch (error) {
    if (error instanceof CatalogError && error.status === 404) return false;
    throw error;
  }
}
