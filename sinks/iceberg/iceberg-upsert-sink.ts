import type { IcebergFileIO } from '../../infra/iceberg/iceberg-file-io.ts';
import type { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable, rowPartition } from '../../infra/iceberg/iceberg-table.ts';
import type { TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import { partitionKey } from '../../infra/iceberg/snapshot-files.ts';
import { FlushTrigger, type FlushPolicy } from '../flush-trigger.ts';
import { loadingInto, type SinkFactory } from '../sink.ts';
import { icebergTarget, type IcebergRow } from './iceberg-table-sink.ts';
import { committedOffset, offsetSummaryKey } from './snapshot-offsets.ts';

export interface IcebergUpsertSinkOptions {
  readonly catalog: IcebergRestCatalog;
  readonly io: IcebergFileIO;
  readonly table: TableIdentifier;
  /** A row's identity (for window aggregates: metric, group and window start); a later row of the same key replaces it. */
  readonly keyOf: (row: IcebergRow) => string;
  /**
   * How long and how much the sink buffers before it asks for a checkpoint (the settings'
   * SHELFSTREAM_ICEBERG_FLUSH_*); every checkpoint when absent. Each flush rewrites the partitions
   * it touches, so a gold table fed every batch (early results) wants an interval.
   */
  readonly flush?: FlushPolicy;
}

/**
 * Keeps the latest row of each key in an Iceberg table, exactly once: the gold tables, whose
 * windows are re-emitted (early results, corrections after late records) and must read as one row
 * each. Copy-on-write overwrite of the affected partitions: add() keeps the latest row per key;
 * flush() reads the current data files of each partition those rows fall in, merges the rows by
 * key, writes the merged partition as new files and commits ONE `overwrite` snapshot that removes
 * the old files and adds the new (infra/iceberg/replace-files.ts), with the checkpoint's next input
 * offset in its summary as the append sink records it, so open() reports the position after a crash.
 * A conflicting commit (another task rewrote the partition first) re-reads the partition and merges
 * again. Why not v2 deletes: equality deletes are not read by pyiceberg; position deletes need every
 * reader to merge them, and grow until compaction; a day's partition of window aggregates is small
 * enough to rewrite at each checkpoint, and readers then see plain data files.
 */
export function icebergUpsertSink(options: IcebergUpsertSinkOptions): SinkFactory<IcebergRow> {
  const { catalog, io, keyOf } = options;
  return loadingInto(icebergTarget(options.table), ({ input }) => {
    let table: IcebergTable | undefined;
    let latest = new Map<string, IcebergRow>();
    const trigger = options.flush === undefined ? undefined : new FlushTrigger(options.flush);
    const loaded = async (): Promise<IcebergTable> => (table ??= await IcebergTable.load(catalog, io, options.table));
    return {
      async open() {
        return committedOffset((await loaded()).metadata, input);
      },
      add(batch) {
        for (const record of batch.records) latest.set(keyOf(record.value), record.value);
        trigger?.added(batch);
        return Promise.resolve();
      },
      async flush({ next }) {
        const pending = [...latest.values()];
        latest = new Map();
        trigger?.flushed();
        if (pending.length === 0) return;
        const target = await loaded();
        await target.replace('overwrite', async (_head, live) => {
          const affected = new Set(pending.map((row) => partitionKey(rowPartition(target.schema, target.spec, row))));
          const remove = live.filter((file) => affected.has(partitionKey(file.partition)));
          const merged = new Map<string, IcebergRow>();
          for (const file of remove) for (const row of await target.readDataFile(file.path)) merged.set(keyOf(row), row);
          for (const row of pending) merged.set(keyOf(row), row);
          return { remove, add: await target.writeDataFiles([...merged.values()]), summary: { [offsetSummaryKey(input)]: next } };
        });
      },
      flushRequest: () => trigger?.request(),
      close() {
        latest = new Map();
        trigger?.flushed();
        return Promise.resolve();
      },
    };
  });
}
