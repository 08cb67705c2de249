import { IcebergTableError, SchemaMismatchError, ShelfstreamError } from '../../errors/index.ts';
import { evolveTable } from '../../infra/iceberg/evolve-schema.ts';
import { retry } from '../../infra/retry.ts';
import type { Batch } from '../../streams/batch.ts';
import type { BronzeRow } from '../../streams/bronze/bronze-rows.ts';
import { bronzeRecordColumnNames, bronzeTableSchema } from '../../streams/bronze/bronze-table-schema.ts';
import type { WriterSchemas } from '../../streams/bronze/writer-schemas.ts';
import { loadingInto, type SinkFactory } from '../sink.ts';
import { icebergTableSink, icebergTarget, type IcebergTableSinkOptions } from './iceberg-table-sink.ts';

export interface BronzeTableSinkOptions extends IcebergTableSinkOptions {
  /** The writer schemas the rows step decoded with: the table grows its columns to them. */
  readonly schemas: WriterSchemas;
}

/**
 * The Iceberg table sink (exactly once through its snapshot offsets) for a bronze table whose
 * columns follow the subject's versions mid-stream: the first time a task meets a schema id, the
 * table evolves to take that writer schema's fields (infra/iceberg/evolve-schema.ts: new optional
 * columns with new ids, old files untouched), before the rows are added. A writer schema the table
 * cannot take (a type change Iceberg refuses, a union with no Iceberg type) does not stop the load:
 * its rows land with their decoded columns null and `_decode_error` saying why, raw bytes kept.
 * A schema commit, by this task or another, leaves a table sink's loaded schema behind; its rows
 * then go to a fresh table sink, which loads the table again.
 */
export function bronzeTableSink(options: BronzeTableSinkOptions): SinkFactory<BronzeRow> {
  const { catalog, table, schemas } = options;
  const tableSink = icebergTableSink(options);
  return loadingInto(icebergTarget(table), (context) => {
    let inner = tableSink(context);
    let pending: Batch<BronzeRow>[] = [];
    // Per schema id met: null when the table has its columns, else why it cannot take them.
    const refused = new Map<number, string | null>();

    const renew = async (): Promise<void> => {
      await inner.close();
      inner = tableSink(context);
      for (const batch of pending) await inner.add(batch);
    };

    const cover = async (id: number): Promise<string | null> => {
      const writer = await schemas.get(id);
      if (writer instanceof ShelfstreamError) return `${writer.code}: ${writer.message}`;
      try {
        await evolveTable(catalog, table, bronzeTableSchema(writer.json));
        return null;
      } catch (error) {
        if (error instanceof SchemaMismatchError) return `the table cannot take schema ${id}: ${error.message}`;
        throw error;
      }
    };

    const fit = (row: BronzeRow): BronzeRow => {
      const reason = typeof row._schema_id === 'number' && row._decode_error === null ? refused.get(row._schema_id) : null;
      if (reason === null || reason === undefined) return row;
      return { ...Object.fromEntries(Object.entries(row).filter(([name]) => bronzeRecordColumnNames.has(name))), _decode_error: reason };
    };

    return {
      open: () => inner.open(),
      async add(batch) {
        const met = new Set(batch.records.map((record) => record.value._schema_id).filter((id): id is number => typeof id === 'number' && !refused.has(id)));
        for (const id of met) refused.set(id, await cover(id));
        if (met.size > 0) await renew();
        const fitted: Batch<BronzeRow> = { ...batch, records: batch.records.map((record) => ({ ...record, value: fit(record.value) })) };
        pending.push(fitted);
        await inner.add(fitted);
      },
      async flush(checkpoint) {
        await retry(
          async (attempt) => {
            if (attempt > 0) await renew();
            await inner.flush(checkpoint);
          },
          // fast-append.ts refuses, before committing anything, files written with a schema that is no longer current.
          { retries: 3, initialDelayMs: 0, maxDelayMs: 0, isRetriable: (error) => error instanceof IcebergTableError && /^schema of .* changed/.test(error.message) },
        );
        pending = [];
      },
      flushRequest: () => inner.flushRequest?.(),
      close() {
        pending = [];
        return inner.close();
      },
    };
  });
}
