import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import type { IncomingRecord, KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { DEAD_LETTER_HEADERS } from '../../schemas/dead-letter/dead-letter-headers.ts';
import { readProgressAnnouncement } from '../../streams/progress-announcement.ts';
import type { LoadPartition, LoadReconciliation } from './reconciliation-results.ts';
import { byOffset, partitionsOf, readAll } from './topic-records.ts';

/** A ClickHouse table loaded from one topic: its rows carry the topic's partition and offset (kafka_partition, kafka_offset). */
export interface TopicLoad {
  /** What the reconciliation calls it, such as `clickhouse-catalog-products`. */
  readonly sink: string;
  readonly topic: string;
  readonly table: string;
  /**
   * For a load that drops repeats (deduplication): a record's identity, of which the table holds the
   * first record only; null for a record that is no event (a tombstone). Absent: every record once.
   */
  readonly identity?: (record: IncomingRecord) => Promise<string | null> | string | null;
}

/**
 * Compares ClickHouse tables with the topics they are loaded from, offset by offset: every event
 * record the pipeline neither dead-lettered (the dead-letter topic names each refused record's
 * origin) nor dropped as a repeat must be in its table exactly once, at its own partition and
 * offset. The identity of a deduplicating load is judged from the first record of each identity in
 * offset order, as the pipeline's deduplication meets them. Reads whole topics into memory: meant
 * for the sample's and a test's sizes.
 */
export async function reconcileLoads(options: { driver: KafkaDriver; clickhouse: SqlEngine; deadLetterTopic: string; loads: readonly TopicLoad[] }): Promise<LoadReconciliation> {
  const { driver, clickhouse } = options;
  const refused = await deadLettered(driver, options.deadLetterTopic);
  const partitions: LoadPartition[] = [];
  for (const load of options.loads) {
    const rows = new Map<string, number>();
    const held = await clickhouse.rows<{ p: number; o: string; n: number | string }>(
      sql`SELECT kafka_partition AS p, toString(kafka_offset) AS o, count() AS n FROM ${new TrustedSql(load.table)} WHERE kafka_topic = ${load.topic} GROUP BY p, o`,
    );
    for (const r of held) rows.set(`${r.p}/${r.o}`, Number(r.n));
    const seen = new Set<string>();
    for (const partition of await partitionsOf(driver, load.topic)) {
      let records = 0;
      const expected = new Set<string>();
      for (const record of await readAll(driver, load.topic, partition)) {
        if (readProgressAnnouncement(record) !== undefined) continue;
        records += 1;
        if (refused.has(`${load.topic}/${partition}/${record.offset}`)) continue;
        if (load.identity !== undefined) {
          const identity = await load.identity(record);
          if (identity === null || seen.has(identity)) continue;
          seen.add(identity);
        }
        expected.add(record.offset);
      }
      const own = [...rows].filter(([at]) => at.startsWith(`${partition}/`)).map(([at, n]) => [at.slice(at.indexOf('/') + 1), n] as const);
      partitions.push({
        sink: load.sink,
        topic: load.topic,
        partition,
        records,
        expected: expected.size,
        rows: own.reduce((sum, [, n]) => sum + n, 0),
        missing: byOffset([...expected].filter((o) => !rows.has(`${partition}/${o}`))),
        doubled: byOffset(own.filter(([, n]) => n > 1).map(([o]) => o)),
        strays: byOffset(own.filter(([o]) => !expected.has(o)).map(([o]) => o)),
      });
    }
  }
  return { partitions, differs: partitions.some((p) => p.missing.length + p.doubled.length + p.strays.length > 0) };
}

/** `topic/partition/offset` of every record the dead-letter topic holds. */
async function deadLettered(driver: KafkaDriver, topic: string): Promise<Set<string>> {
  const origins = new Set<string>();
  for (const partition of await partitionsOf(driver, topic)) {
    for (const r of await readAll(driver, topic, partition)) {
      const header = (name: string) => r.headers[name]?.toString();
      origins.add(`${header(DEAD_LETTER_HEADERS.topic) ?? ''}/${header(DEAD_LETTER_HEADERS.partition) ?? ''}/${header(DEAD_LETTER_HEADERS.offset) ?? ''}`);
    }
  }
  return origins;
}
