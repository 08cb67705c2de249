import type { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import type { TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';

/** Drops (purging their files) the tables a test created, and then their namespaces; those never created are passed over. */
export async function dropIcebergTables(catalog: IcebergRestCatalog, tables: readonly TableIdentifier[]): Promise<void> {
  const namespaces = (await catalog.listNamespaces()).map((namespace) => namespace.join('.'));
  for (const table of tables.filter((t) => namespaces.includes(t.namespace.join('.')))) {
    if ((await catalog.listTables(table.namespace)).some((t) => t.name === table.name)) await catalog.dropTable(table, true);
    if ((await catalog.listTables(table.namespace)).length === 0) await catalog.dropNamespace(table.namespace);
  }
}
