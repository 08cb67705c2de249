/**
 * What the reconciliations find: plain data without imports, so the console's Reconcile page
 * (console/web) draws the very types the CLI prints.
 */

/** The places an order should be once, each compared with the orders topic. */
export const ORDER_SINKS = ['enriched-topic', 'clickhouse-orders-raw', 'clickhouse-orders-enriched', 'iceberg-silver'] as const;
export type OrderSink = (typeof ORDER_SINKS)[number];

/** A sink's orders of one source partition against the source's: offsets of the orders topic. */
export interface SinkDifference {
  readonly sink: OrderSink;
  /** Source offsets of orders the sink lacks. */
  readonly missing: readonly string[];
  /** Source offsets of orders the sink holds more than once. */
  readonly doubled: readonly string[];
}

export interface PartitionReconciliation {
  readonly partition: number;
  /** Order events in the source partition, control records (progress announcements) excluded. */
  readonly sourceEvents: number;
  /** Distinct orders among them: what every sink should hold once. */
  readonly sourceOrders: number;
  /** Rows (or records) of each sink whose order came from this partition. */
  readonly sinks: Readonly<Record<OrderSink, number>>;
  readonly differences: readonly SinkDifference[];
}

/** One day of event time: orders in the enriched topic, the silver table, the gold windows and ClickHouse's KPIs. */
export interface DayReconciliation {
  readonly day: string;
  readonly enriched: number;
  readonly silver: number;
  readonly gold: number;
  readonly clickhouseKpis: number;
  readonly differs: boolean;
}

export interface SalesReconciliation {
  readonly partitions: readonly PartitionReconciliation[];
  readonly days: readonly DayReconciliation[];
  /** Rows of a sink whose order id is in no source partition. */
  readonly strays: Readonly<Record<OrderSink, readonly string[]>>;
  readonly differs: boolean;
}

/** One partition of a load: what the topic says the table should hold, and how the table differs. */
export interface LoadPartition {
  readonly sink: string;
  readonly topic: string;
  readonly partition: number;
  /** Event records in the partition (control records excluded). */
  readonly records: number;
  /** Of those, the ones the table should hold: not dead-lettered, not a repeat, not a tombstone. */
  readonly expected: number;
  readonly rows: number;
  /** Offsets the table should hold and lacks. */
  readonly missing: readonly string[];
  /** Offsets the table holds more than once. */
  readonly doubled: readonly string[];
  /** Offsets the table holds that it should not (dead-lettered, a repeat, or past the topic's end). */
  readonly strays: readonly string[];
}

export interface LoadReconciliation {
  readonly partitions: readonly LoadPartition[];
  readonly differs: boolean;
}

/** A gold table against the topic of window aggregates it loads. */
export interface GoldReconciliation {
  readonly table: string;
  readonly topic: string;
  /** Windows (metric, key, start) in the topic, each at its latest result. */
  readonly windows: number;
  readonly rows: number;
  /** Windows the table lacks, holds twice, holds with other figures than the latest result, or holds without the topic having them. */
  readonly missing: readonly string[];
  readonly doubled: readonly string[];
  readonly stale: readonly string[];
  readonly strays: readonly string[];
  readonly differs: boolean;
}

/** The main job reconciled: its sales orders from source to every sink, the market pipeline's ClickHouse loads against their topics, and both gold tables against their topics. */
export interface MainJobReconciliation {
  readonly sales: SalesReconciliation;
  readonly market: LoadReconciliation;
  readonly gold: readonly GoldReconciliation[];
  readonly differs: boolean;
}
