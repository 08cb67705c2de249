import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { MigrationEditedError } from '../../../errors/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { readMigrations } from '../../../infra/clickhouse/migration-files.ts';
import { migrate, migrationStatus } from '../../../infra/clickhouse/migrator.ts';
import type { SqlEngine } from '../../../infra/clickhouse/sql-engine.ts';
import { EVENT_TABLES, KPI_TABLES, kpiMigrations, MIGRATIONS_FOLDER } from '../../../sinks/clickhouse/clickhouse-schema.ts';
import { startChdb } from '../../support/chdb-engine.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();

/** The database's tables and views with their engines, and the ledger's rows: what a migration can change. */
async function schemaSnapshot(engine: SqlEngine): Promise<unknown> {
  return {
    tables: await engine.rows(`SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name`),
    ledger: await engine.rows(`SELECT version, name, checksum, toString(applied_at) AS at FROM schema_migrations ORDER BY version`),
  };
}

/** The same proof on each engine: migrations apply once, change nothing the second time, and an edited one is refused. */
function migrationSuite(engineName: string, open: (database: string) => Promise<{ engine: SqlEngine; close: () => Promise<void> }>): void {
  describe(`ClickHouse migrations on ${engineName}`, () => {
    const database = uniqueName('it_ch_migrations');
    const edited = mkdtempSync(join(tmpdir(), 'migrations-'));
    let engine: SqlEngine;
    let close: () => Promise<void>;

    before(async () => {
      ({ engine, close } = await open(database));
    });

    after(async () => {
      await close();
      rmSync(edited, { recursive: true, force: true });
    });

    it('applies every migration in order, creating every table and view, and a second run changes nothing', async () => {
      const migrations = kpiMigrations();
      assert.deepEqual((await migrationStatus(engine, migrations)).map((s) => s.state), migrations.map(() => 'pending'));
      const applied = await migrate(engine, migrations);
      assert.deepEqual(applied.map((m) => m.file), migrations.map((m) => m.file));

      const first = await schemaSnapshot(engine);
      const tables = (first as { tables: { name: string; engine: string }[] }).tables;
      const names = tables.map((t) => t.name);
      for (const table of [...Object.values(EVENT_TABLES), ...Object.values(KPI_TABLES)]) assert.ok(names.includes(table), `${table} exists`);
      for (const kpi of Object.values(KPI_TABLES)) {
        assert.equal(tables.find((t) => t.name === kpi)?.engine, 'AggregatingMergeTree');
        assert.equal(tables.find((t) => t.name === `${kpi}_mv`)?.engine, 'MaterializedView');
      }

      assert.deepEqual(await migrate(engine, migrations), []);
      assert.deepEqual(await schemaSnapshot(engine), first);
      const states = await migrationStatus(engine, migrations);
      assert.deepEqual(states.map((s) => [s.file, s.state, s.checksum]), migrations.map((m) => [m.file, 'applied', m.checksum]));
    });

    it('refuses an applied migration edited since, naming the file, and applies nothing after it', async () => {
      cpSync(MIGRATIONS_FOLDER, edited, { recursive: true });
      appendFileSync(join(edited, '0003_sales_kpis.sql'), '\n-- an edit after the fact\n');
      writeFileSync(join(edited, '0099_later.sql'), 'CREATE TABLE IF NOT EXISTS later_table (x UInt8) ENGINE = MergeTree() ORDER BY x;\n');
      const migrations = readMigrations(edited);

      await assert.rejects(migrate(engine, migrations), (error: unknown) => {
        assert.ok(error instanceof MigrationEditedError);
        assert.equal(error.code, 'CLICKHOUSE_MIGRATION_EDITED');
        assert.equal(error.location.file, '0003_sales_kpis.sql');
        assert.match(error.message, /migration 0003_sales_kpis\.sql was edited after it was applied/);
        return true;
      });
      const tables = await engine.rows<{ name: string }>(`SELECT name FROM system.tables WHERE database = currentDatabase() AND name = 'later_table'`);
      assert.deepEqual(tables, []);
      const states = await migrationStatus(engine, migrations);
      assert.deepEqual(
        states.filter((s) => s.state !== 'applied').map((s) => [s.file, s.state]),
        [['0003_sales_kpis.sql', 'edited'], ['0099_later.sql', 'pending']],
      );
    });
  });
}

migrationSuite('the local ClickHouse server (18.16)', async (database) => {
  const admin = createClickHouseClient(config);
  await admin.command({ query: `CREATE DATABASE ${database}` });
  const client = createClickHouseClient(config, database);
  return {
    engine: clientSqlEngine(client),
    close: async () => {
      await client.close();
      await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      await admin.close();
    },
  };
});

migrationSuite('chDB (ClickHouse 26.x in-process)', async (database) => {
  const chdb = await startChdb(database);
  return { engine: chdb, close: () => chdb.close() };
});
