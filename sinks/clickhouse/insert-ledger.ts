import type { ClickHouseClient } from '@clickhouse/client';
import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import type { TopicPartition } from '../../infra/kafka/kafka-driver.ts';

/** One insert of a table's rows from one input partition: the offsets [from, to) and how many rows they made. */
export interface LedgerRange {
  readonly from: bigint;
  readonly to: bigint;
  readonly rows: number;
}

export interface LedgerEntry extends LedgerRange {
  readonly state: 'intent' | 'done';
}

/** The ledger's table, created by the migrations (see migrations/README.md). */
export const LEDGER_TABLE = 'shelfstream_insert_ledger';

const STATE = { intent: 1, done: 2 } as const;

/**
 * What each ClickHouse sink inserted, per target table and input partition: an intent before every
 * insert and a done after it, as ClickHouse's Kafka Connect sink keeps in its state store. A
 * materialized view fires on every insert, so the sink must never insert a range twice; after a
 * crash the last entry tells where to resume, and a dangling intent is settled by counting the
 * range's rows in the target (an insert below max_insert_block_size rows is one atomic block).
 */
export class InsertLedger {
  readonly #client: ClickHouseClient;
  // Orders entries of one partition across restarts without a DateTime64 (which 18.16 lacks).
  #seq = BigInt(Date.now()) * 1000n;

  constructor(client: ClickHouseClient) {
    this.#client = client;
  }

  async record(target: string, input: TopicPartition, range: LedgerRange, state: LedgerEntry['state']): Promise<void> {
    this.#seq += 1n;
    const row = {
      target,
      topic: input.topic,
      partition: input.partition,
      seq: this.#seq.toString(),
      from_offset: range.from.toString(),
      to_offset: range.to.toString(),
      rows: range.rows,
      state: STATE[state],
    };
    await this.#client.insert({ table: LEDGER_TABLE, values: [row], format: 'JSONEachRow' });
  }

  /** The newest entry for a target and input partition, or undefined when it never inserted any. */
  async last(target: string, input: TopicPartition): Promise<LedgerEntry | undefined> {
    const result = await this.#client.query({
      query: sql`SELECT toString(from_offset) AS from_offset, toString(to_offset) AS to_offset, rows, state FROM ${new TrustedSql(LEDGER_TABLE)}
        WHERE target = ${target} AND topic = ${input.topic} AND partition = ${input.partition}
        ORDER BY seq DESC LIMIT 1`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ from_offset: string; to_offset: string; rows: number; state: number }>();
    if (row === undefined) return undefined;
    return { from: BigInt(row.from_offset), to: BigInt(row.to_offset), rows: row.rows, state: row.state === STATE.done ? 'done' : 'intent' };
  }

  /** Rows of `target` that came from the input partition's offsets [from, to). */
  async rowsIn(target: string, input: TopicPartition, range: LedgerRange): Promise<number> {
    const result = await this.#client.query({
      query: sql`SELECT count() AS n FROM ${new TrustedSql(target)}
        WHERE kafka_topic = ${input.topic} AND kafka_partition = ${input.partition}
          AND kafka_offset >= ${Number(range.from)} AND kafka_offset < ${Number(range.to)}`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: number }>();
    return row?.n ?? 0;
  }
}
