import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import { sqlIdentifier } from '../../infra/clickhouse/ensure-database.ts';
import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import { LEDGER_TABLE } from './insert-ledger.ts';

/** The target of a `CREATE MATERIALIZED VIEW ... TO [db.]table` statement, without its database. */
function viewTarget(createQuery: string): string | undefined {
  const target = /\sTO\s+([^\s(]+)/i.exec(createQuery)?.[1]?.replaceAll('`', '');
  return target?.slice(target.lastIndexOf('.') + 1);
}

/**
 * Empties what loads into `loaded` tables derive in ClickHouse, so a replay of the log rebuilds it:
 * the loaded tables, the tables their materialized views feed (the KPIs; found through
 * system.tables, so a view a later migration adds is included) and the insert ledger, whose entries
 * would otherwise tell the sinks they already hold the replayed offsets. The migrations table is
 * kept. Returns the tables emptied.
 */
export async function truncateDerivedTables(engine: SqlEngine, database: string, loaded: readonly string[]): Promise<string[]> {
  const tables = await engine.rows<{ name: string; engine: string; dependencies_table: string[]; create_table_query: string }>(
    sql`SELECT name, engine, dependencies_table, create_table_query FROM system.tables WHERE database = ${database}`,
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const derived = new Set<string>();
  for (const name of loaded.filter((t) => byName.has(t))) {
    derived.add(name);
    for (const view of byName.get(name)?.dependencies_table ?? []) {
      const target = viewTarget(byName.get(view)?.create_table_query ?? '');
      if (target !== undefined && byName.has(target)) derived.add(target);
    }
  }
  if (byName.has(LEDGER_TABLE)) derived.add(LEDGER_TABLE);
  for (const table of derived) await engine.execute(sql`TRUNCATE TABLE ${new TrustedSql(`${sqlIdentifier(database)}.${sqlIdentifier(table)}`)}`);
  return [...derived];
}
