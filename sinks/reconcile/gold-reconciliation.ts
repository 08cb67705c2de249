import type { IcebergFileIO } from '../../infra/iceberg/iceberg-file-io.ts';
import type { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../infra/iceberg/iceberg-table.ts';
import type { TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import { readTableRows } from '../../infra/iceberg/read-table-rows.ts';
import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import type { GoldReconciliation } from './reconciliation-results.ts';
import { partitionsOf, readAll } from './topic-records.ts';

// What a window's result says; emitted_at is when it left, which a rebuild changes.
const FIGURES = ['window_end', 'unit', 'currency', 'count', 'sum', 'min', 'max', 'avg', 'distinct_count', 'is_final'] as const;

const windowId = (row: Record<string, unknown>): string => `${String(row.metric)}|${String(row.key)}|${String(Number(row.window_start))}`;
const figures = (row: Record<string, unknown>): string => JSON.stringify(FIGURES.map((f) => (typeof row[f] === 'bigint' ? Number(row[f]) : (row[f] ?? null))));

/**
 * Whether a gold table holds the latest result of every window its topic carries, once, and
 * nothing else: the upsert load replaces a re-emitted window's row, so a window twice, a row behind
 * the topic's latest result, or a window the topic never carried is a difference.
 */
export async function reconcileGold(options: { driver: KafkaDriver; serde: AvroSerde; topic: string; catalog: IcebergRestCatalog; io: IcebergFileIO; table: TableIdentifier }): Promise<GoldReconciliation> {
  const schema = readSchemaFile('window-aggregate');
  const latest = new Map<string, string>();
  for (const partition of await partitionsOf(options.driver, options.topic)) {
    for (const r of await readAll(options.driver, options.topic, partition)) {
      if (r.value === null) continue;
      const w = { ...(await options.serde.deserialize(r.value, schema)) };
      latest.set(windowId(w), figures(w));
    }
  }
  const held = new Map<string, string[]>();
  for (const row of await readTableRows(await IcebergTable.load(options.catalog, options.io, options.table), options.io)) {
    const id = windowId(row);
    held.set(id, [...(held.get(id) ?? []), figures(row)]);
  }
  const sorted = (ids: Iterable<string>) => [...ids].sort();
  const missing = sorted([...latest.keys()].filter((id) => !held.has(id)));
  const doubled = sorted([...held].filter(([, rows]) => rows.length > 1).map(([id]) => id));
  const stale = sorted([...held].filter(([id, rows]) => latest.has(id) && rows.some((f) => f !== latest.get(id))).map(([id]) => id));
  const strays = sorted([...held.keys()].filter((id) => !latest.has(id)));
  return {
    table: [...options.table.namespace, options.table.name].join('.'),
    topic: options.topic,
    windows: latest.size,
    rows: [...held.values()].reduce((sum, rows) => sum + rows.length, 0),
    missing,
    doubled,
    stale,
    strays,
    differs: missing.length + doubled.length + stale.length + strays.length > 0,
  };
}
