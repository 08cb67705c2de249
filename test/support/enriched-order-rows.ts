import { RowRejectedError } from '../../errors/index.ts';
import type { ClickHouseRow } from '../../sinks/clickhouse/clickhouse-insert-sink.ts';
import { mapOrDeadLetter } from '../../streams/map-or-dead-letter.ts';
import { mapValues } from '../../streams/map-records.ts';
import type { OutgoingRecord, TopicSpec } from '../../infra/kafka/kafka-driver.ts';
import { subTopology } from '../../runtime/sub-topology-builder.ts';
import { Topology } from '../../runtime/topology.ts';
import { sideOutputSink } from '../../sinks/kafka/side-output-sink.ts';
import type { SinkFactory } from '../../sinks/sink.ts';
import { enrichedOrderRow, T0, type SampleOrder } from './kpi-sample-events.ts';

/**
 * `count` rows of `orders_enriched` over a few hours, three categories; every 100th carries a
 * quantity the table cannot take. Without the Kafka columns: the sink adds those itself, from
 * where each record really came from.
 */
export function enrichedOrderRows(count: number): ClickHouseRow[] {
  return Array.from({ length: count }, (_, i) => {
    const order: SampleOrder = {
      at: T0 + i * 17_000,
      category: ['Books', 'Toys', 'Garden'][i % 3] ?? 'Books',
      country: 'US',
      currency: 'USD',
      payment: 'Card',
      customer: `C${i % 37}`,
      quantity: 1 + (i % 4),
      revenue: 1_000 + ((i * 7919) % 50_000),
      status: 'DELIVERED',
    };
    const row = Object.fromEntries(Object.entries(enrichedOrderRow(order, i)).filter(([column]) => !column.startsWith('kafka_')));
    return i % 100 === 99 ? { ...row, quantity: 'many' } : row;
  });
}

/** The rows as Kafka records: JSON values keyed by order id, spread over `partitions`. */
export const asRecords = (rows: readonly ClickHouseRow[], partitions: number): OutgoingRecord[] =>
  rows.map((r, i) => ({ key: Buffer.from(String(r.order_id)), value: Buffer.from(JSON.stringify(r)), partition: i % partitions, timestamp: T0 + i * 17_000 }));

/** The steps before the sink: JSON to a row, and a row the table cannot take to the dead letters. */
export const parseStep = () => mapValues<Buffer | null, ClickHouseRow>((v) => JSON.parse(v?.toString() ?? '{}') as ClickHouseRow);
export const rowStep = ({ name }: { name: string }) =>
  mapOrDeadLetter(name, (r: { value: ClickHouseRow }) => {
    if (!Number.isInteger(r.value.quantity)) throw new RowRejectedError('orders_enriched', 'quantity', `${JSON.stringify(r.value.quantity)} is not an Int32`);
    return r.value;
  });

/** A topology loading the rows of `input` into a table through `sink`, a row the table cannot take dead-lettered. */
export const ordersLoadTopology = (applicationId: string, input: TopicSpec, sink: SinkFactory<ClickHouseRow>): Topology =>
  new Topology({
    applicationId,
    inputs: [input],
    subTopologies: [subTopology('load-orders', input.topic).step('parse', parseStep).step('orders-enriched-rows', rowStep).to('orders-enriched-table', sink)],
    sideOutputs: sideOutputSink,
  });

/** What the KPI views must hold for these rows, computed here, not by ClickHouse. */
export function expectedTotals(rows: readonly ClickHouseRow[]): { good: number; rejected: number; revenue: number; units: number } {
  const good = rows.filter((r) => Number.isInteger(r.quantity));
  return {
    good: good.length,
    rejected: rows.length - good.length,
    revenue: good.reduce((sum, r) => sum + Number(r.revenue_minor), 0),
    units: good.reduce((sum, r) => sum + Number(r.quantity), 0),
  };
}
