import { compactFiles, type CompactResult } from './compact-files.ts';
import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import { IcebergTable } from './iceberg-table.ts';
import type { TableIdentifier } from './iceberg-types.ts';

export interface CompactionScheduleOptions {
  readonly catalog: IcebergRestCatalog;
  readonly io: IcebergFileIO;
  readonly tables: readonly TableIdentifier[];
  /** Time between the end of one pass over the tables and the start of the next. */
  readonly intervalMs: number;
  /** Small files a partition must hold before it is rewritten (SHELFSTREAM_ICEBERG_COMPACT_MIN_FILES). */
  readonly minFiles: number;
  readonly targetFileSizeBytes?: number;
  /** Told of each table a pass rewrote, and of each pass that failed. */
  readonly log: (line: string) => void;
}

export interface CompactionSchedule {
  /** Passes over the tables run so far. */
  readonly passes: number;
  /** Stops the schedule; resolves once a pass under way has ended. */
  stop(): Promise<void>;
}

/**
 * Compacts tables on an interval beside the writers of the pipeline, as `shelfstream iceberg
 * compact` does once (infra/iceberg/compact-files.ts). A writer committing while a pass rewrites a
 * partition is no conflict to settle here: the replace commit asserts the head it planned on, and
 * on a 409 replace-files.ts plans again on the writer's snapshot; the writer's append rebases the
 * same way. A pass that fails (catalog or MinIO down) is logged and the next one tries again, as
 * compaction is an optimisation the pipeline never waits for.
 */
export function startCompactionSchedule(options: CompactionScheduleOptions): CompactionSchedule {
  let passes = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const compact = async (id: TableIdentifier): Promise<CompactResult> => {
    const table = await IcebergTable.load(options.catalog, options.io, id);
    return compactFiles(table, { minFiles: options.minFiles, ...(options.targetFileSizeBytes === undefined ? {} : { targetFileSizeBytes: options.targetFileSizeBytes }) });
  };
  const pass = async (): Promise<void> => {
    for (const id of options.tables) {
      if (stopped) return;
      const name = [...id.namespace, id.name].join('.');
      try {
        const result = await compact(id);
        if (result.removed > 0) options.log(`compacted ${name}: ${result.removed} small files in ${result.partitions} partitions rewritten into ${result.added}`);
      } catch (error) {
        options.log(`compaction of ${name} failed, tried again in ${options.intervalMs} ms: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    passes += 1;
  };
  const schedule = (): void => {
    timer = setTimeout(() => {
      running = pass().finally(() => {
        if (!stopped) schedule();
      });
    }, options.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    get passes() {
      return passes;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
