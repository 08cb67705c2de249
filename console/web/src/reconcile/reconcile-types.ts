/** The Reconcile page's answer (console/server runs topology/main-job-reconciliation.ts, console/web draws it). Types only. */
import type { MainJobReconciliation, OrderSink } from '../../../../sinks/reconcile/reconciliation-results.ts';

export type { GoldReconciliation, LoadPartition, MainJobReconciliation } from '../../../../sinks/reconcile/reconciliation-results.ts';

/** No main job under the prefix: of the topics a run creates and the reconciliation reads, those Kafka lacks. */
export interface NoMainJob {
  readonly prefix: string;
  readonly found: false;
  readonly topics: number;
  readonly missingTopics: readonly string[];
}

export interface MainJobReconciled {
  readonly prefix: string;
  readonly found: true;
  /** ClickHouse tables are per database, not per prefix (SHELFSTREAM_CLICKHOUSE_DATABASE). */
  readonly clickhouseDatabase: string;
  /** The order sinks, in the order of their columns. */
  readonly orderSinks: readonly OrderSink[];
  readonly reconciledAtMs: number;
  readonly tookMs: number;
  readonly result: MainJobReconciliation;
}

export type ReconcileAnswer = NoMainJob | MainJobReconciled;
