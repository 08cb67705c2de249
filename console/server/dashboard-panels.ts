import { EVENT_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import type { ImpactPanel } from '../web/src/api-types.ts';

const panels = (page: string, route: string, table: string, titles: readonly string[]): ImpactPanel[] =>
  titles.map((panel) => ({ page, panel, route, table }));

/**
 * The console's dashboard panels by the ClickHouse table their figures come from, directly or
 * through the table's materialized views (the Sales page's minute KPIs come from the enriched orders).
 */
export const DASHBOARD_PANELS: readonly ImpactPanel[] = [
  ...panels('Sales', 'sales', EVENT_TABLES.enrichedOrders, [
    'Revenue per currency',
    'Orders',
    'Average order value',
    'Unique customers',
    'Revenue per minute by category',
    'Orders per minute by category',
  ]),
  ...panels('Products', 'products', EVENT_TABLES.catalogProducts, ['Average price per category', 'Products per price range', 'Products per category']),
  ...panels('Top movers', 'movers', EVENT_TABLES.enrichedObservations, ['By sales rank', 'By price', 'Rating of the biggest movers, per hour']),
];
