import type { ShelfstreamConfig } from '../../config/index.ts';
import { clientSqlEngine } from '../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../infra/clickhouse/create-clickhouse-client.ts';
import { IcebergFileIO } from '../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../infra/iceberg/iceberg-table.ts';
import type { TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import { readTableRows } from '../../infra/iceberg/read-table-rows.ts';
import { createMinioClient } from '../../infra/object-store/create-minio-client.ts';
import { salesKpis } from '../../sinks/clickhouse/kpi-queries/index.ts';
import { mainJobIcebergTables, type MainJobNames } from '../../topology/main-job-names.ts';

/** What a reader of the results sees: sales KPIs per category and currency, the gold tables' windows, and the market tables. */
export async function mainJobResults(config: ShelfstreamConfig, names: MainJobNames) {
  const client = createClickHouseClient(config, config.clickhouse.database);
  const engine = clientSqlEngine(client);
  const kpis = await salesKpis(engine, { bucket: 'hour', range: { fromMs: 0, toMs: 4_102_444_800_000 }, groupBy: ['category'], limit: 100_000 });
  // Pages requested, not requests: every run seeds the crawl again, so the frontier grows by a run's seeds.
  const market = await engine.rows<{ t: string; n: number | string }>(
    `SELECT 'catalog' AS t, count() AS n FROM catalog_products_raw UNION ALL SELECT 'observations', count() FROM observations_enriched
     UNION ALL SELECT 'reviews', count() FROM reviews_raw UNION ALL SELECT 'pages', count() FROM product_pages_raw UNION ALL SELECT 'outcomes', count() FROM crawl_outcomes_raw
     UNION ALL SELECT 'requested pages', uniqExact(job, url) FROM crawl_requests_raw`,
  );
  // What the catalog joins gave each observation and page, offsets aside (transaction markers move them): a rebuild must join the same.
  const joined = await engine.rows<{ t: string; listed: number | string; digest: string }>(
    `SELECT 'observations' AS t, countIf(title IS NOT NULL) AS listed,
       toString(sum(cityHash64(asin, marketplace, source, observed_at, ifNull(title, ''), ifNull(brand, ''), arrayStringConcat(category_path, '>')))) AS digest FROM observations_enriched
     UNION ALL SELECT 'pages', countIf(catalog_main_category IS NOT NULL),
       toString(sum(cityHash64(asin, url, fetched_at, ifNull(catalog_main_category, ''), ifNull(catalog_sub_category, '')))) FROM product_pages_raw`,
  );
  await client.close();
  const perCategory = new Map<string, { orders: number; revenueMinor: number; netRevenueMinor: number; units: number }>();
  for (const row of kpis) {
    const key = `${row.category ?? ''}|${row.currency}`;
    const sum = perCategory.get(key) ?? { orders: 0, revenueMinor: 0, netRevenueMinor: 0, units: 0 };
    perCategory.set(key, { orders: sum.orders + row.orders, revenueMinor: sum.revenueMinor + row.revenueMinor, netRevenueMinor: sum.netRevenueMinor + row.netRevenueMinor, units: sum.units + row.units });
  }
  const io = new IcebergFileIO(createMinioClient(config));
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  // emitted_at is when a window left, which a rebuild changes; everything else must be the same.
  const windows = async (table: TableIdentifier) =>
    (await readTableRows(await IcebergTable.load(catalog, io, table), io))
      .map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => column !== 'emitted_at')))
      .sort((a, b) => `${String(a.metric)}|${String(a.key)}|${String(a.window_start)}`.localeCompare(`${String(b.metric)}|${String(b.key)}|${String(b.window_start)}`));
  const { gold, salesPerMinute, salesPerHour, movement, reviewDays, categoryPrices } = mainJobIcebergTables(names);
  return {
    kpis: Object.fromEntries([...perCategory].sort()),
    gold: await windows(gold),
    salesPerMinute: await windows(salesPerMinute),
    salesPerHour: await windows(salesPerHour),
    movement: await windows(movement),
    reviewDays: await windows(reviewDays),
    categoryPrices: await windows(categoryPrices),
    market: Object.fromEntries(market.map((r) => [r.t, Number(r.n)])),
    joined: Object.fromEntries(joined.map((r) => [r.t, { listed: Number(r.listed), digest: r.digest }])),
  };
}
