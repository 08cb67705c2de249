import type { ClickHouseClient } from '@clickhouse/client';
import type { SqlEngine } from './sql-engine.ts';

/** A SqlEngine over a ClickHouse server's HTTP interface (the client's database is the current one). */
export function clientSqlEngine(client: ClickHouseClient): SqlEngine {
  return {
    execute: async (statement) => {
      await client.command({ query: statement });
    },
    rows: async <T>(query: string) => (await client.query({ query, format: 'JSONEachRow' })).json<T>(),
  };
}
