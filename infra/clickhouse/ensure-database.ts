import type { ClickHouseClient } from '@clickhouse/client';

/** `name` as a ClickHouse identifier: backquoted, its backquotes and backslashes escaped. */
export function sqlIdentifier(name: string): string {
  return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}

/** Creates the database if it does not exist (a client without a database runs it). */
export async function ensureDatabase(client: ClickHouseClient, database: string): Promise<void> {
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${sqlIdentifier(database)}` });
}
