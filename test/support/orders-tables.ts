import type { ClickHouseClient } from '@clickhouse/client';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { readWithPyiceberg } from './iceberg-reader.ts';

export interface OrdersTableCounts {
  readonly raw: number;
  readonly enriched: number;
  /** Distinct order ids in orders_enriched: equal to `enriched` when nothing landed twice. */
  readonly enrichedOrders: number;
}

/** Rows of orders_raw and orders_enriched; all zero while the pipeline has not migrated the database yet. */
export async function ordersTableCounts(client: ClickHouseClient): Promise<OrdersTableCounts> {
  try {
    const result = await client.query({
      query: 'SELECT (SELECT count() FROM orders_raw) AS raw, (SELECT count() FROM orders_enriched) AS enriched, (SELECT uniqExact(order_id) FROM orders_enriched) AS enrichedOrders',
      format: 'JSONEachRow',
    });
    const [row] = await result.json<OrdersTableCounts>();
    return row ?? { raw: 0, enriched: 0, enrichedOrders: 0 };
  } catch {
    return { raw: 0, enriched: 0, enrichedOrders: 0 };
  }
}

/** The order ids of an Iceberg silver table (`namespace.table`) as pyiceberg reads them, sorted: a duplicate shows twice. */
export async function icebergOrderIds(python: string, config: ShelfstreamConfig, table: string): Promise<string[]> {
  const view = await readWithPyiceberg(python, config, table);
  return view.rows.map((row) => String(row.order_id)).sort();
}
