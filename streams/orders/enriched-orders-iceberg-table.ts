import { CatalogError } from '../../errors/index.ts';
import { icebergSchemaFromAvro, type AvroRecordSchema } from '../../infra/iceberg/avro-to-iceberg-schema.ts';
import type { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import type { IcebergSchema, TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import { partitionSpec } from '../../infra/iceberg/partition-spec-builder.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';

/** The silver table's columns: the EnrichedOrder Avro schema's fields, ids 1..n in field order. */
export const enrichedOrdersIcebergSchema = (): IcebergSchema => icebergSchemaFromAvro(JSON.parse(readSchemaFile('enriched-order').text) as AvroRecordSchema);

/**
 * Creates the silver table of enriched orders unless it exists, with its namespace, partitioned by
 * day of order_date (the order's event time). Several instances may start at once: a create that
 * loses the race (409) finds the table made by another and is done.
 */
export async function ensureEnrichedOrdersIcebergTable(catalog: IcebergRestCatalog, table: TableIdentifier): Promise<void> {
  await catalog.ensureNamespace(table.namespace);
  try {
    await catalog.loadTable(table);
    return;
  } catch (error) {
    if (!(error instanceof CatalogError && error.status === 404)) throw error;
  }
  const schema = enrichedOrdersIcebergSchema();
  try {
    await catalog.createTable(table.namespace, { name: table.name, schema, 'partition-spec': partitionSpec(schema, [{ column: 'order_date', transform: 'day' }]) });
  } catch (error) {
    if (!(error instanceof CatalogError && error.status === 409)) throw error;
  }
}
