import type { IcebergFileIO } from '../../infra/iceberg/iceberg-file-io.ts';
import type { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../infra/iceberg/iceberg-table.ts';
import type { TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import { FlushTrigger, type FlushPolicy } from '../flush-trigger.ts';
import { loadingInto, type SinkFactory, type SinkTarget } from '../sink.ts';
import { committedOffset, offsetSummaryKey } from './snapshot-offsets.ts';

/**
 * A row of the target table, in the row convention of infra/iceberg/avro-to-iceberg-schema.ts.
 * Records become rows in a step before the sink (`mapOrDeadLetter` with a mapping that throws
 * RowRejectedError), so a record the table cannot take is dead-lettered with the batch's other
 * dead letters, in the same checkpoint.
 */
export type IcebergRow = Record<string, unknown>;

export interface IcebergTableSinkOptions {
  readonly catalog: IcebergRestCatalog;
  readonly io: IcebergFileIO;
  readonly table: TableIdentifier;
  /**
   * Every flush is a snapshot: with a policy (SHELFSTREAM_ICEBERG_FLUSH_INTERVAL_MS and _BYTES) the
   * sink holds the runtime's checkpoints back until its rows are that old or that big; without,
   * it flushes at every checkpoint of the runtime's commit interval.
   */
  readonly flush?: FlushPolicy;
}

/**
 * Appends a task's rows to one Iceberg table, exactly once. add() buffers rows; flush() writes
 * them as Parquet files and commits one snapshot whose summary records the checkpoint's next input
 * offset for this task's partition, so the files and the position land in one catalog commit.
 * open() reads that position back: after a crash between the table commit and the Kafka offset
 * commit, the task skips what the table already holds, and a crash before the table commit leaves
 * only unreferenced files (removed by maintenance, never guessed at here). Concurrent tasks on one
 * table rebase their commits onto each other (infra/iceberg/fast-append.ts); catalog and MinIO
 * calls retry through the shared policy, holding the checkpoint meanwhile (backpressure).
 * Flushing only when the runtime checkpoints is what makes it exactly once: a snapshot written on
 * the sink's own clock, between checkpoints, would record offsets the Kafka side may never commit.
 * So the sink's interval and size act through `flushRequest`, moving the task's checkpoint.
 */
export function icebergTableSink(options: IcebergTableSinkOptions): SinkFactory<IcebergRow> {
  const { catalog, io } = options;
  return loadingInto(icebergTarget(options.table), ({ input }) => {
    let table: IcebergTable | undefined;
    let rows: IcebergRow[] = [];
    const trigger = options.flush === undefined ? undefined : new FlushTrigger(options.flush);
    const loaded = async (): Promise<IcebergTable> => (table ??= await IcebergTable.load(catalog, io, options.table));
    return {
      async open() {
        return committedOffset((await loaded()).metadata, input);
      },
      add(batch) {
        for (const record of batch.records) rows.push(record.value);
        trigger?.added(batch);
        return Promise.resolve();
      },
      async flush({ next }) {
        const pending = rows;
        rows = [];
        if (pending.length > 0) await (await loaded()).append(pending, { [offsetSummaryKey(input)]: next });
        trigger?.flushed();
      },
      flushRequest: () => trigger?.request(),
      close() {
        rows = [];
        trigger?.flushed();
        return Promise.resolve();
      },
    };
  });
}

/** An Iceberg table as a sink's target names it. */
export const icebergTarget = (table: TableIdentifier): SinkTarget => ({ system: 'Iceberg', table: [...table.namespace, table.name].join('.') });
