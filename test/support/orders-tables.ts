import type { ClickHouseClient } from '@clickhouse/client';

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
