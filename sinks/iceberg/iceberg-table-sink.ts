import type { IcebergFileIO } from '../../infra/iceberg/iceberg-file-io.ts';
import type { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../infra/iceberg/iceberg-table.ts';
import type { TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import type { OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { deadLetterRecord } from '../../schemas/dead-letter/dead-letter-record.ts';
import type { StreamRecord } from '../../streams/stream-record.ts';
import type { SinkFactory } from '../sink.ts';
import { committedOffset, offsetSummaryKey } from './snapshot-offsets.ts';

export interface IcebergTableSinkOptions<V> {
  readonly catalog: IcebergRestCatalog;
  readonly io: IcebergFileIO;
  readonly table: TableIdentifier;
  /** The record as a row of the table (the row convention of infra/iceberg/avro-to-iceberg-schema.ts); throws when the table cannot take it. */
  readonly toRow: (record: StreamRecord<V>) => Record<string, unknown>;
  /** Where records that cannot become a row go, with the table and the reason. */
  readonly deadLetterTopic: string;
}

/**
 * Appends a task's records to one Iceberg table, exactly once. add() buffers rows; flush() writes
 * them as Parquet files and commits one snapshot whose summary records the checkpoint's next input
 * offset for this task's partition, so the files and the position land in one catalog commit.
 * open() reads that position back: after a crash between the table commit and the Kafka offset
 * commit, the task skips what the table already holds, and a crash before the table commit leaves
 * only unreferenced files (removed by maintenance, never guessed at here). Concurrent tasks on one
 * table rebase their commits onto each other (infra/iceberg/fast-append.ts); catalog and MinIO
 * calls retry through the shared policy, holding the checkpoint meanwhile (backpressure).
 */
export function icebergTableSink<V>(options: IcebergTableSinkOptions<V>): SinkFactory<V> {
  const { catalog, io, toRow, deadLetterTopic } = options;
  const tableName = [...options.table.namespace, options.table.name].join('.');
  return ({ input }) => {
    let table: IcebergTable | undefined;
    let rows: Record<string, unknown>[] = [];
    let dead: OutgoingRecord[] = [];
    const loaded = async (): Promise<IcebergTable> => (table ??= await IcebergTable.load(catalog, io, options.table));
    return {
      async open() {
        return committedOffset((await loaded()).metadata, input);
      },
      add(batch) {
        for (const record of batch.records) {
          try {
            rows.push(toRow(record));
          } catch (error) {
            dead.push(
              deadLetterRecord(
                { key: record.raw.key, value: record.raw.value, headers: record.headers, timestamp: record.timestamp },
                {
                  code: typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'ROW_REJECTED',
                  message: `${tableName}: ${error instanceof Error ? error.message : String(error)}`,
                  step: `iceberg-${tableName}`,
                  field: typeof (error as { field?: unknown }).field === 'string' ? (error as { field: string }).field : null,
                },
                record.origin,
              ),
            );
          }
        }
        return Promise.resolve();
      },
      async flush({ producer, next }) {
        const pending = rows;
        rows = [];
        if (pending.length > 0) await (await loaded()).append(pending, { [offsetSummaryKey(input)]: next });
        const rejected = dead;
        dead = [];
        if (rejected.length > 0) await producer.send(deadLetterTopic, rejected);
      },
      close() {
        rows = [];
        dead = [];
        return Promise.resolve();
      },
    };
  };
}
