import assert from 'node:assert/strict';
import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import { salesKpis, type SalesDimension } from '../../sinks/clickhouse/kpi-queries/index.ts';
import { expectedSalesKpis, sortKpis, type Bucket, type CsvOrder } from './sales-csv-kpis.ts';

const DAY_MS = 86_400_000;
const SPLITS: readonly (readonly SalesDimension[])[] = [['category', 'country', 'payment_method'], ['category'], []];

/**
 * Every sales KPI the query module serves (per minute, hour and day; split by every dimension, by
 * category alone and not at all) equals the same KPI computed from `orders` in the test.
 */
export async function assertSalesKpisMatch(engine: SqlEngine, orders: readonly CsvOrder[], what: string): Promise<void> {
  const times = orders.map((o) => o.eventTime);
  const range = { fromMs: Math.floor(Math.min(...times) / DAY_MS) * DAY_MS, toMs: (Math.floor(Math.max(...times) / DAY_MS) + 1) * DAY_MS };
  for (const bucket of ['minute', 'hour', 'day'] as const satisfies readonly Bucket[]) {
    for (const groupBy of SPLITS) {
      const served = await salesKpis(engine, { bucket, range, groupBy, limit: 100_000 });
      assert.deepEqual(sortKpis(served), expectedSalesKpis(orders, bucket, groupBy), `${what}: sales KPIs per ${bucket} split by [${groupBy.join(', ')}]`);
    }
  }
}
