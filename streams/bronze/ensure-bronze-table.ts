import { SchemaMismatchError, SchemaRegistryError } from '../../errors/index.ts';
import type { AvroRecordSchema } from '../../infra/iceberg/avro-to-iceberg-schema.ts';
import { ensureTable } from '../../infra/iceberg/ensure-table.ts';
import { evolveTable } from '../../infra/iceberg/evolve-schema.ts';
import type { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import type { IcebergSchema, TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import type { SchemaRegistryClient } from '../../schemas/serde/schema-registry-client.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import { bronzePartitionSpec, bronzeTableSchema } from './bronze-table-schema.ts';

/**
 * Creates the bronze table of `topic` unless it exists, with the columns of the newest version of
 * the topic's value subject, and grows an existing one to that version when it can. A topic without
 * a registered schema, or whose newest schema has no Iceberg form, starts with the record columns;
 * the sink adds decoded columns as writer schemas appear.
 */
export async function ensureBronzeTable(catalog: IcebergRestCatalog, registry: SchemaRegistryClient, table: TableIdentifier, topic: string): Promise<void> {
  const schema = await newestBronzeSchema(registry, subjectName(topic, 'value'));
  await ensureTable(catalog, table, schema, bronzePartitionSpec(schema));
  try {
    await evolveTable(catalog, table, schema);
  } catch (error) {
    // A newest version the table cannot follow must not stop the load: the sink marks its rows.
    if (!(error instanceof SchemaMismatchError)) throw error;
  }
}

async function newestBronzeSchema(registry: SchemaRegistryClient, subject: string): Promise<IcebergSchema> {
  try {
    return bronzeTableSchema(JSON.parse((await registry.getLatest(subject)).schema) as AvroRecordSchema);
  } catch (error) {
    if (error instanceof SchemaRegistryError ? error.isNotFound : error instanceof SchemaMismatchError) return bronzeTableSchema();
    throw error;
  }
}
