import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { icebergSchemaFromAvro, type AvroRecordSchema } from '../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { ensureTable } from '../../../infra/iceberg/ensure-table.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { partitionSpec } from '../../../infra/iceberg/partition-spec-builder.ts';
import type { KafkaProducer } from '../../../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import type { IcebergRow } from '../../../sinks/iceberg/iceberg-table-sink.ts';
import { icebergUpsertSink } from '../../../sinks/iceberg/iceberg-upsert-sink.ts';
import { emptyOutcomes, type Batch } from '../../../streams/batch.ts';
import { interopPython, pyicebergPython, readWithPeer, readWithPyiceberg } from '../../support/iceberg-reader.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const topic = 'revenue';
const jan1 = Date.UTC(2026, 0, 1);
const minute = 60_000;
const day = 86_400_000;

const producer: KafkaProducer = {
  connect: () => Promise.resolve(),
  send: (to) => Promise.reject(new Error(`the Iceberg sink sent records to ${to}`)),
  disconnect: () => Promise.resolve(),
};

/** A window aggregate row as the gold table holds it (the decoded WindowAggregate). */
const windowRow = (group: string, start: number, count: number, sum: number): IcebergRow => ({
  metric: 'revenue_per_minute_by_category_country_currency',
  key: group,
  window_kind: 'TUMBLING',
  window_start: start,
  window_end: start + minute,
  unit: 'MINOR_UNITS',
  currency: 'EUR',
  count,
  sum,
  min: 1,
  max: sum,
  avg: Math.round(sum / count),
  distinct_count: count,
  quantiles: [{ permille: 500, value: Math.round(sum / count) }],
  is_final: false,
  emitted_at: start + minute,
});

const batch = (partition: number, from: number, rows: readonly IcebergRow[]): Batch<IcebergRow> => ({
  topic,
  partition,
  records: rows.map((value, i) => ({
    key: `${String(value.key)}|${String(value.window_start)}`,
    value,
    timestamp: value.window_end as number,
    headers: {},
    origin: { topic, partition, offset: String(from + i) },
    raw: { key: null, value: null },
  })),
  ...emptyOutcomes(),
});

const keyOf = (row: IcebergRow): string => `${String(row.metric)}|${String(row.key)}|${String(row.window_start)}`;
/** One row per window as the readers give it back: µs timestamps, so keyed by the start in ms. */
const windows = (rows: readonly Record<string, unknown>[]): Record<string, [number, number]> =>
  Object.fromEntries(rows.map((row) => [`${String(row.key)}|${Number(row.window_start) / 1000}`, [Number(row.count), Number(row.sum)]]));

describe('Iceberg upsert sink: one row per window, the latest, by copy-on-write overwrite of the affected partitions', () => {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const io = new IcebergFileIO(createMinioClient(config));
  const namespace = [uniqueName('it_iceberg_upsert')];
  const table = { namespace, name: 'revenue_per_minute' };
  const sinkOf = icebergUpsertSink({ catalog, io, table, keyOf });
  const context = (partition: number) => ({ applicationId: 'iceberg-upsert-test', input: { topic, partition } });

  before(async () => {
    const schema = icebergSchemaFromAvro(JSON.parse(readSchemaFile('window-aggregate').text) as AvroRecordSchema);
    await ensureTable(catalog, table, schema, partitionSpec(schema, [{ column: 'window_start', transform: 'day' }]));
  });

  after(async () => {
    await catalog.dropTable(table, true);
    await catalog.dropNamespace(namespace);
  });

  it('re-emitted windows replace their row; concurrent tasks on one partition both land; a restart neither loses nor doubles', async () => {
    const books = 'books|DE|EUR';
    const toys = 'toys|DE|EUR';
    const first = sinkOf(context(0));
    assert.equal(await first.open(), undefined);
    // Early results of two windows on Jan 1 and one on Jan 2, then in the next checkpoint the Jan 1
    // books window twice more (a late record within grace, then its final result) and a new window.
    await first.add(batch(0, 0, [windowRow(books, jan1, 1, 100), windowRow(toys, jan1, 2, 50), windowRow(books, jan1 + day, 1, 7)]));
    await first.flush({ producer, next: '3' });
    await first.add(batch(0, 3, [windowRow(books, jan1, 2, 180), windowRow(books, jan1, 3, 200), windowRow(books, jan1 + minute, 1, 30)]));
    await first.flush({ producer, next: '6' });

    // Another task writes other windows of the same day at the same moment as this one corrects its own:
    // one commit conflicts, re-reads the partition the other rewrote, and merges again.
    const other = sinkOf(context(1));
    assert.equal(await other.open(), undefined);
    await first.add(batch(0, 6, [windowRow(toys, jan1, 3, 75)]));
    await other.add(batch(1, 0, [windowRow('games|DE|EUR', jan1, 4, 400), windowRow('games|DE|EUR', jan1 + 2 * minute, 1, 9)]));
    await Promise.all([first.flush({ producer, next: '7' }), other.flush({ producer, next: '2' })]);

    // The process dies before the Kafka offsets commit; another one dies with records added and not flushed.
    const unflushed = sinkOf(context(0));
    assert.equal(await unflushed.open(), '7');
    await unflushed.add(batch(0, 7, [windowRow(toys, jan1 + day, 5, 500)]));
    await unflushed.close();
    const restarted = sinkOf(context(0));
    assert.equal(await restarted.open(), '7', 'the restarted task resumes after what the table holds');
    assert.equal(await sinkOf(context(1)).open(), '2');
    await restarted.add(batch(0, 7, [windowRow(toys, jan1 + day, 5, 500)]));
    await restarted.flush({ producer, next: '8' });

    const expected = {
      [`${books}|${jan1}`]: [3, 200],
      [`${toys}|${jan1}`]: [3, 75],
      [`${books}|${jan1 + minute}`]: [1, 30],
      [`games|DE|EUR|${jan1}`]: [4, 400],
      [`games|DE|EUR|${jan1 + 2 * minute}`]: [1, 9],
      [`${books}|${jan1 + day}`]: [1, 7],
      [`${toys}|${jan1 + day}`]: [5, 500],
    };
    const view = await readWithPyiceberg(pyicebergPython(), config, `${namespace[0]}.${table.name}`, [`window_start >= '2026-01-02T00:00:00+00:00'`]);
    assert.equal(view.rows.length, 7, 'one row per window');
    assert.deepEqual(windows(view.rows), expected);
    assert.equal(view.files, 2, 'one file per day partition: every overwrite removed the files it replaced');
    assert.deepEqual(
      view.snapshots.map((snapshot) => snapshot.summary.operation),
      ['overwrite', 'overwrite', 'overwrite', 'overwrite', 'overwrite'],
    );
    assert.deepEqual(windows(view.filtered[0]?.rows ?? []), { [`${books}|${jan1 + day}`]: [1, 7], [`${toys}|${jan1 + day}`]: [5, 500] });
    assert.equal(view.filtered[0]?.files, 1, 'a filter on the day reads its partition only');

    const metadataLocation = (await catalog.loadTable(table))['metadata-location'] ?? '';
    for (const peer of ['duckdb', 'chdb'] as const) {
      const rows = await readWithPeer(peer, interopPython(peer), config, metadataLocation);
      assert.equal(rows.length, 7, `${peer} reads one row per window`);
      assert.deepEqual(windows(rows), expected, peer);
    }
  });
});
