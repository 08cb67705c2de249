import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { SinkWriteError } from '../../errors/index.ts';
import { clickHouseErrorCode } from '../../infra/clickhouse/clickhouse-error-code.ts';
import { querySettled } from '../../infra/clickhouse/query-settled.ts';
import { retry } from '../../infra/retry.ts';
import { FlushTrigger, type FlushPolicy } from '../flush-trigger.ts';
import { loadingInto, type SinkFactory } from '../sink.ts';
import { InsertLedger, type LedgerRange } from './insert-ledger.ts';

/**
 * A row for the target table; `kafka_topic`, `kafka_partition`, `kafka_offset` and `kafka_timestamp`
 * are added by the sink. Records become rows in a step before the sink (`mapOrDeadLetter` with a
 * mapping that throws RowRejectedError), so a record the table cannot take is dead-lettered with the
 * batch's other dead letters, in the same checkpoint.
 */
export type ClickHouseRow = Record<string, unknown>;

export interface ClickHouseInsertSinkOptions {
  readonly client: ClickHouseClient;
  /** The target table, in the client's database. */
  readonly table: string;
  /** Rows per INSERT: each insert is one block, which ClickHouse writes atomically (below max_insert_block_size). */
  readonly maxRowsPerInsert?: number;
  /**
   * Every flush is at least one INSERT, a part for ClickHouse to merge: with a policy
   * (SHELFSTREAM_CLICKHOUSE_FLUSH_INTERVAL_MS and _BYTES) the sink holds the runtime's checkpoints
   * back until its rows are that old or that big; without, it inserts at every checkpoint.
   */
  readonly flush?: FlushPolicy;
}

// Server errors that pass: timeouts, overload, too many parts while merges catch up, network trouble.
const RETRIABLE_CODES = new Set(['159', '202', '209', '210', '252', '242', '425']);

/** How long a retried insert waits for the attempt before it to end on the server. */
const SETTLE_TIMEOUT_MS = 60_000;

interface PendingRow {
  readonly offset: bigint;
  readonly row: ClickHouseRow;
}

/**
 * Inserts a task's records into one ClickHouse table at each checkpoint, never twice. Every INSERT
 * is a range of input offsets written to the insert ledger before (intent) and after (done); open()
 * reads the ledger, settles a dangling intent by counting the range's rows, and reports the next
 * offset the table holds, so a redelivered or replayed batch never reaches a materialized view twice.
 * A ClickHouse that is slow or down holds the checkpoint (backpressure) while the shared retry
 * policy retries; when retries are spent the batch fails and is fetched again later.
 */
export function clickHouseInsertSink(options: ClickHouseInsertSinkOptions): SinkFactory<ClickHouseRow> {
  const { client, table } = options;
  const maxRows = options.maxRowsPerInsert ?? 100_000;
  return loadingInto({ system: 'ClickHouse', table }, ({ input }) => {
    const ledger = new InsertLedger(client);
    const where = { table, topic: input.topic, partition: input.partition };
    // Every ClickHouse call goes through the shared retry policy; its errors become typed, retriable when they may pass.
    const call = <T>(what: string, work: (attempt: number) => Promise<T>): Promise<T> =>
      retry((attempt) =>
        work(attempt).catch((error: unknown) => {
          if (error instanceof SinkWriteError) throw error;
          const code = clickHouseErrorCode(error);
          const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
          throw new SinkWriteError(`${table}: ${what} failed: ${detail}`, code === '' || RETRIABLE_CODES.has(code), where, error);
        }),
      );
    let pending: PendingRow[] = [];
    const trigger = options.flush === undefined ? undefined : new FlushTrigger(options.flush);
    return {
      async open() {
        const last = await call('reading the insert ledger', () => ledger.last(table, input));
        if (last === undefined) return undefined;
        if (last.state === 'done') return last.to.toString();
        const landed = await call('counting an interrupted insert', () => ledger.rowsIn(table, input, last));
        if (landed === last.rows) {
          await call('settling the insert ledger', () => ledger.record(table, input, last, 'done'));
          return last.to.toString();
        }
        if (landed === 0) return last.from.toString();
        throw new SinkWriteError(`${table}: an interrupted insert of offsets [${last.from}, ${last.to}) of ${input.topic}/${input.partition} left ${landed} of ${last.rows} rows`, false, where);
      },
      add(batch) {
        for (const record of batch.records) {
          pending.push({
            offset: BigInt(record.origin.offset),
            row: { ...record.value, kafka_topic: record.origin.topic, kafka_partition: record.origin.partition, kafka_offset: record.origin.offset, kafka_timestamp: record.timestamp },
          });
        }
        trigger?.added(batch);
        return Promise.resolve();
      },
      async flush() {
        const rows = pending;
        pending = [];
        for (let start = 0; start < rows.length; start += maxRows) {
          const chunk = rows.slice(start, start + maxRows);
          const first = chunk[0];
          const last = chunk.at(-1);
          if (first === undefined || last === undefined) continue;
          const range: LedgerRange = { from: first.offset, to: last.offset + 1n, rows: chunk.length };
          await call('recording an insert', () => ledger.record(table, input, range, 'intent'));
          const queryId = randomUUID();
          await call('inserting', async (attempt) => {
            // An attempt whose answer was lost (the client's timeout) may still land: once it has ended on the server, count before sending again.
            if (attempt > 0) {
              if (!(await querySettled(client, queryId, SETTLE_TIMEOUT_MS))) throw new SinkWriteError(`${table}: the insert of offsets [${range.from}, ${range.to}) of ${input.topic}/${input.partition} is still running`, true, where);
              const landed = await ledger.rowsIn(table, input, range);
              if (landed === range.rows) return;
              if (landed !== 0) throw new SinkWriteError(`${table}: an insert of offsets [${range.from}, ${range.to}) of ${input.topic}/${input.partition} left ${landed} of ${range.rows} rows`, false, where);
            }
            await client.insert({ table, values: chunk.map((p) => p.row), format: 'JSONEachRow', query_id: queryId });
          });
          await call('recording an insert', () => ledger.record(table, input, range, 'done'));
        }
        trigger?.flushed();
      },
      flushRequest: () => trigger?.request(),
      close() {
        pending = [];
        trigger?.flushed();
        return Promise.resolve();
      },
    };
  });
}
