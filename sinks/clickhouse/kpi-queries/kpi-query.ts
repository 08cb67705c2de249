import type { SqlEngine } from '../../../infra/clickhouse/sql-engine.ts';
import { kpiMigrations } from '../clickhouse-schema.ts';

/**
 * A query of the module, declaring the tables its SQL reads (event tables, or KPI tables fed by
 * materialized views), so what depends on a table (the console's Impact panel, the dashboards'
 * change checks) is derived from the queries rather than listed beside them.
 */
export type KpiQuery<O, R> = ((engine: SqlEngine, options: O) => Promise<R[]>) & { readonly reads: readonly string[] };

export function kpiQuery<O, R>(reads: readonly string[], query: (engine: SqlEngine, options: O) => Promise<R[]>): KpiQuery<O, R> {
  return Object.assign(query, { reads });
}

// `CREATE MATERIALIZED VIEW [IF NOT EXISTS] v TO target AS SELECT … FROM source`: the migrations'
// README keeps a view's FROM its own (no subquery), so its first FROM is the table it is fed from.
const VIEW = /^\s*CREATE MATERIALIZED VIEW (?:IF NOT EXISTS )?\w+ TO (\w+) AS\b[\s\S]*?\bFROM (\w+)/i;

let fedFrom: ReadonlyMap<string, readonly string[]> | undefined;

/** Each table fed by materialized views, with the tables those views select from, as the migrations create them. */
function viewSources(): ReadonlyMap<string, readonly string[]> {
  if (fedFrom !== undefined) return fedFrom;
  const sources = new Map<string, string[]>();
  for (const statement of kpiMigrations().flatMap((m) => m.statements)) {
    const match = VIEW.exec(statement.replace(/--[^\n]*/g, ''));
    if (match?.[1] === undefined || match[2] === undefined) continue;
    sources.set(match[1], [...(sources.get(match[1]) ?? []), match[2]]);
  }
  fedFrom = sources;
  return sources;
}

/** The tables rows are inserted into that a query's figures come from: what it reads, a view-fed table by the tables its views select from. */
export function sourceTables(query: { readonly reads: readonly string[] }): string[] {
  const found = new Set<string>();
  const visit = (table: string): void => {
    const from = viewSources().get(table);
    if (from === undefined) found.add(table);
    else for (const source of from) visit(source);
  };
  for (const table of query.reads) visit(table);
  return [...found].sort();
}
