import type { ShelfstreamConfig } from '../../config/index.ts';
import { clientSqlEngine } from '../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../infra/clickhouse/create-clickhouse-client.ts';
import { ensureDatabase } from '../../infra/clickhouse/ensure-database.ts';
import type { Migration } from '../../infra/clickhouse/migration-files.ts';
import { migrate, migrationStatus, pendingState, type MigrationState } from '../../infra/clickhouse/migrator.ts';
import { sql } from '../../infra/clickhouse/sql-literal.ts';
import { kpiMigrations } from './clickhouse-schema.ts';

/** Applies the KPI schema's pending migrations to the configured database (created if absent); returns those applied. */
export async function applyKpiSchema(config: ShelfstreamConfig, migrations: readonly Migration[] = kpiMigrations()): Promise<Migration[]> {
  const admin = createClickHouseClient(config);
  try {
    await ensureDatabase(admin, config.clickhouse.database);
  } finally {
    await admin.close();
  }
  const client = createClickHouseClient(config, config.clickhouse.database);
  try {
    return await migrate(clientSqlEngine(client), migrations);
  } finally {
    await client.close();
  }
}

/** Every KPI schema migration: applied, pending (all of them while the database does not exist), or applied and since edited or removed. */
export async function kpiSchemaStatus(config: ShelfstreamConfig, migrations: readonly Migration[] = kpiMigrations()): Promise<MigrationState[]> {
  const { database } = config.clickhouse;
  const admin = createClickHouseClient(config);
  try {
    const found = await clientSqlEngine(admin).rows<{ n: number }>(sql`SELECT count() AS n FROM system.databases WHERE name = ${database}`);
    // A status must not create the database, and a client cannot use one that does not exist.
    if (found[0]?.n === 0) return migrations.map(pendingState);
  } finally {
    await admin.close();
  }
  const client = createClickHouseClient(config, database);
  try {
    return await migrationStatus(clientSqlEngine(client), migrations);
  } finally {
    await client.close();
  }
}
