import { CatalogError } from '../../errors/index.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { IcebergSchema, PartitionSpec, TableIdentifier } from './iceberg-types.ts';

/**
 * Creates a table, and its namespace, unless it exists. Several instances may start at once: a
 * create that loses the race (409) finds the table made by another and is done.
 */
export async function ensureTable(catalog: IcebergRestCatalog, table: TableIdentifier, schema: IcebergSchema, spec: PartitionSpec): Promise<void> {
  await catalog.ensureNamespace(table.namespace);
  try {
    await catalog.loadTable(table);
    return;
  } catch (error) {
    if (!(error instanceof CatalogError && error.status === 404)) throw error;
  }
  try {
    await catalog.createTable(table.namespace, { name: table.name, schema, 'partition-spec': spec });
  } catch (error) {
    if (!(error instanceof CatalogError && error.status === 409)) throw error;
  }
}
