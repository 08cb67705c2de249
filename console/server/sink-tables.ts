import { EVENT_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { salesSilverTable } from '../../topology/sales-pipeline-topology.ts';
import type { ImpactTable } from '../web/src/api-types.ts';

type SinkTable = Pick<ImpactTable, 'system' | 'table'>;

/**
 * The tables the catalog's topologies load, by the sink names their describe() gives: a
 * description names a sink, not the table behind it. A sink not listed here loads no table.
 */
const SINK_TABLES: Readonly<Record<string, (applicationId: string) => SinkTable>> = {
  'orders-raw-table': () => ({ system: 'ClickHouse', table: EVENT_TABLES.orders }),
  'orders-enriched-table': () => ({ system: 'ClickHouse', table: EVENT_TABLES.enrichedOrders }),
  'catalog-products-table': () => ({ system: 'ClickHouse', table: EVENT_TABLES.catalogProducts }),
  'observations-raw-table': () => ({ system: 'ClickHouse', table: EVENT_TABLES.marketplaceObservations }),
  'observations-enriched-table': () => ({ system: 'ClickHouse', table: EVENT_TABLES.enrichedObservations }),
  // The silver table's namespace follows the application id unless the pipeline was given another.
  'orders-silver-table': (applicationId) => {
    const { namespace, name } = salesSilverTable({ applicationId });
    return { system: 'Iceberg', table: [...namespace, name].join('.') };
  },
};

export function sinkTable(sink: string, applicationId: string): SinkTable | undefined {
  return SINK_TABLES[sink]?.(applicationId);
}
