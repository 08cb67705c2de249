import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { EnrichedOrder } from '../schemas/types/enriched-order.ts';
import { salesWindowAggregates, salesWindowGroup, salesWindowMeasures, type SalesWindowPeriod } from '../streams/orders/sales-window.ts';
import { eventTimeWindows, type EventTimeWindowOptions, type EventTimeWindows } from './event-time-windows.ts';

const MINUTE_MS = 60_000;
const PERIOD_MS: Readonly<Record<SalesWindowPeriod, number>> = { minute: MINUTE_MS, hour: 60 * MINUTE_MS };

/** The gold tables of the sales pipeline's windows, by name in their namespace. */
export const SALES_GOLD_TABLES: Readonly<Record<SalesWindowPeriod, string>> = { minute: 'sales_per_minute', hour: 'sales_per_hour' };

/**
 * Each minute's (or hour's) sales KPIs per category, country, payment method and currency
 * (metrics `sales_revenue_per_<period>`, `sales_net_revenue_per_<period>`, `sales_units_per_<period>`)
 * from the enriched orders repartitioned by that group. An order may arrive a day behind its
 * source partition by default: the replay places each order at a time of day hashed from its id,
 * so a partition's orders of one day come in any order of their times.
 */
export function salesWindows(period: SalesWindowPeriod, options: EventTimeWindowOptions, applicationId: string, orders: TopicSpec, serde: AvroSerde): EventTimeWindows<EnrichedOrder> {
  return eventTimeWindows(
    {
      name: `sales-per-${period}`,
      goldTable: SALES_GOLD_TABLES[period],
      byGroup: { topic: `${applicationId}.enriched-orders-per-${period}-by-category-country-payment-currency.repartition`, partitions: orders.partitions },
      upstream: orders,
      schema: readSchemaFile('enriched-order'),
      groupOf: salesWindowGroup,
      sizeMs: PERIOD_MS[period],
      accumulator: salesWindowMeasures,
      toAggregates: salesWindowAggregates(period),
      defaults: { maxOutOfOrderMs: 24 * 60 * MINUTE_MS, graceMs: 10 * MINUTE_MS },
    },
    options,
    serde,
  );
}
