import { icebergSchemaFromAvro, type AvroRecordSchema } from '../../infra/iceberg/avro-to-iceberg-schema.ts';
import { ensureTable } from '../../infra/iceberg/ensure-table.ts';
import { evolveTable } from '../../infra/iceberg/evolve-schema.ts';
import type { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import type { IcebergSchema, TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import { partitionSpec } from '../../infra/iceberg/partition-spec-builder.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';

/** The silver table's columns: the EnrichedOrder Avro schema's fields, ids 1..n in field order. */
export const enrichedOrdersIcebergSchema = (): IcebergSchema => icebergSchemaFromAvro(JSON.parse(readSchemaFile('enriched-order').text) as AvroRecordSchema);

/**
 * Creates the silver table of enriched orders unless it exists, with its namespace, partitioned by
 * day of order_date (the order's event time); a table made from an older EnrichedOrder gains the
 * columns the schema has added since (infra/iceberg/evolve-schema.ts), its old rows null in them.
 */
export async function ensureEnrichedOrdersIcebergTable(catalog: IcebergRestCatalog, table: TableIdentifier): Promise<void> {
  const schema = enrichedOrdersIcebergSchema();
  await ensureTable(catalog, table, schema, partitionSpec(schema, [{ column: 'order_date', transform: 'day' }]));
  await evolveTable(catalog, table, schema);
}
