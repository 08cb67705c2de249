import type { ClickHouseClient } from '@clickhouse/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from './sql-literal.ts';

/**
 * Waits until the server runs no query of this id (system.processes), at most `timeoutMs`; true
 * when none runs. A client that gave up waiting for an answer (its request timeout) does not stop
 * the server: what the query does is known only once it is no longer running.
 */
export async function querySettled(client: ClickHouseClient, queryId: string, timeoutMs: number, pollMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await client.query({ query: sql`SELECT count() AS n FROM system.processes WHERE query_id = ${queryId}`, format: 'JSONEachRow' });
    const [row] = await result.json<{ n: number | string }>();
    if (Number(row?.n ?? 0) === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
}
