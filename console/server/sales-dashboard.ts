import type { ClickHouseClient } from '@clickhouse/client';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { CredentialsRejectedError, ServiceUnavailableError } from '../../errors/index.ts';
import { clickHouseErrorCode } from '../../infra/clickhouse/clickhouse-error-code.ts';
import { clientSqlEngine } from '../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../infra/clickhouse/create-clickhouse-client.ts';
import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import { describeCause } from '../../infra/describe-cause.ts';
import { withDeadline } from '../../infra/with-deadline.ts';
import { EVENT_TABLES, KPI_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { equalities, inRange } from '../../sinks/clickhouse/kpi-queries/kpi-query-options.ts';
import { salesKpis, type TimeRange } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { SalesSnapshot, SalesTotals } from '../web/src/sales/sales-types.ts';
import { bucketOf, type SalesView } from './sales-view.ts';

// ClickHouse's codes for an unknown user, a wrong password, a failed authentication; an unknown database and table.
const AUTH_CODES = new Set(['192', '193', '516']);
const SCHEMA_CODES = new Set(['81', '60']);

interface TotalsRow {
  currency: string;
  revenue_minor: number;
  orders: number;
  unique_customers: number;
}

/** The Sales page's queries on the KPI tables, and the cheap signature that says when to run them again. */
export class SalesDashboard {
  readonly #config: ShelfstreamConfig;
  readonly #client: ClickHouseClient;
  readonly #engine: SqlEngine;

  constructor(config: ShelfstreamConfig) {
    this.#config = config;
    this.#client = createClickHouseClient(config, config.clickhouse.database);
    this.#engine = clientSqlEngine(this.#client);
  }

  /** Changes whenever enriched orders arrive: their count and highest offset. */
  async signature(): Promise<string> {
    const [row] = await this.#run(this.#engine.rows<{ n: number; o: number }>(`SELECT count() AS n, max(kafka_offset) AS o FROM ${EVENT_TABLES.enrichedOrders}`));
    return `${row?.n ?? 0}/${row?.o ?? 0}`;
  }

  async snapshot(view: SalesView, nowMs: number): Promise<SalesSnapshot> {
    const range = view.range(nowMs);
    const bucket = bucketOf(range);
    const [rows, totals, choices] = await this.#run(
      Promise.all([
        salesKpis(this.#engine, { bucket, range, filters: view.filters, groupBy: ['category'], limit: 100_000 }),
        this.#totals(range, view.filters),
        this.#choices(range),
      ]),
    );
    const points = rows.map((r) => ({ bucketStartMs: r.bucketStartMs, category: r.category ?? '', currency: r.currency, revenueMinor: r.revenueMinor, orders: r.orders }));
    return { range, bucket, points, totals, choices };
  }

  close(): Promise<void> {
    return this.#client.close();
  }

  async #totals(range: TimeRange, filters: SalesView['filters']): Promise<SalesTotals[]> {
    const rows = await this.#engine.rows<TotalsRow>(sql`
      SELECT currency, sumMerge(revenue_minor_state) AS revenue_minor, countMerge(orders_state) AS orders, uniqExactMerge(customers_state) AS unique_customers
      FROM ${new TrustedSql(KPI_TABLES.salesMinute)}
      WHERE ${inRange('bucket_start', range)}${equalities(filters)}
      GROUP BY currency ORDER BY revenue_minor DESC`);
    return rows.map((r) => ({
      currency: r.currency,
      revenueMinor: r.revenue_minor,
      orders: r.orders,
      averageOrderValueMinor: r.orders === 0 ? 0 : r.revenue_minor / r.orders,
      uniqueCustomers: r.unique_customers,
    }));
  }

  async #choices(range: TimeRange): Promise<SalesSnapshot['choices']> {
    const [row] = await this.#engine.rows<{ categories: string[]; countries: string[]; currencies: string[] }>(sql`
      SELECT arraySort(groupUniqArray(category)) AS categories, arraySort(groupUniqArray(country)) AS countries, arraySort(groupUniqArray(currency)) AS currencies
      FROM ${new TrustedSql(KPI_TABLES.salesMinute)}
      WHERE ${inRange('bucket_start', range)}`);
    return { categories: row?.categories ?? [], countries: row?.countries ?? [], currencies: row?.currencies ?? [] };
  }

  /** Within the connect timeout, any failure as an error naming the setting to check. */
  async #run<T>(work: Promise<T>): Promise<T> {
    const { url, database } = this.#config.clickhouse;
    const urlSetting = 'SHELFSTREAM_CLICKHOUSE_URL';
    try {
      return await withDeadline(work, Math.max(this.#config.connectTimeoutMs, 10_000), () => new ServiceUnavailableError('ClickHouse', urlSetting, `${url}: no answer`));
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      const code = clickHouseErrorCode(error);
      if (AUTH_CODES.has(code)) throw new CredentialsRejectedError('ClickHouse', 'SHELFSTREAM_CLICKHOUSE_USER/SHELFSTREAM_CLICKHOUSE_PASSWORD', describeCause(error), { cause: error });
      if (SCHEMA_CODES.has(code)) {
        throw new ServiceUnavailableError('ClickHouse', 'SHELFSTREAM_CLICKHOUSE_DATABASE', `${database} has no KPI tables (run shelfstream clickhouse migrate): ${describeCause(error)}`, { cause: error });
      }
      throw new ServiceUnavailableError('ClickHouse', urlSetting, `${url}: ${describeCause(error)}`, { cause: error });
    }
  }
}
