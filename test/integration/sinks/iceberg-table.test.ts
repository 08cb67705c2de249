import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { icebergSchemaFromAvro, type AvroRecordSchema } from '../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../../infra/iceberg/iceberg-table.ts';
import { partitionSpec } from '../../../infra/iceberg/partition-spec-builder.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { interopPython, pyicebergPython, readWithPeer, readWithPyiceberg, type IcebergPeer } from '../../support/iceberg-reader.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const day = 86_400_000;
const jan1 = Date.UTC(2026, 0, 1);

/** Every type of the Avro-to-Iceberg mapping, as avsc would decode it. */
const eventSchema: AvroRecordSchema = {
  type: 'record',
  name: 'TestEvent',
  namespace: 'com.shelfstream.test',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'quantity', type: 'int' },
    { name: 'category', type: 'string' },
    { name: 'active', type: 'boolean' },
    { name: 'score', type: 'double' },
    { name: 'ratio', type: 'float' },
    { name: 'payload', type: 'bytes' },
    { name: 'event_time', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'order_date', type: { type: 'int', logicalType: 'date' } },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'DONE'] } },
    { name: 'note', type: ['null', 'string'] },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attributes', type: { type: 'map', values: 'long' } },
    { name: 'seller', type: { type: 'record', name: 'Seller', fields: [{ name: 'seller_id', type: 'string' }, { name: 'rating', type: ['null', 'int'] }] } },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
  ],
};

const event = (id: number, eventTime: number, category: string): Record<string, unknown> => ({
  id,
  quantity: id * 2,
  category,
  active: id % 2 === 0,
  score: id + 0.5,
  ratio: 0.25,
  payload: Buffer.from([id, 255]),
  event_time: eventTime,
  order_date: Math.floor(eventTime / day),
  status: id % 2 === 0 ? 'DONE' : 'NEW',
  note: id % 3 === 0 ? null : `note ${id}`,
  tags: [`t${id}`, 'all'],
  attributes: { size: id * 10 },
  seller: { seller_id: `S${id}`, rating: id % 2 === 0 ? null : id },
  price: Buffer.from([(id * 1234) >> 8, (id * 1234) & 0xff]),
});

/** An event as pyiceberg reads it back (read-iceberg.py's JSON: µs timestamps, decimal strings, hex bytes). */
const asRead = (row: Record<string, unknown>): Record<string, unknown> => ({
  ...row,
  payload: (row.payload as Buffer).toString('hex'),
  event_time: (row.event_time as number) * 1000,
  price: ((row.id as number) * 12.34).toFixed(2),
});

const byJson = (rows: Record<string, unknown>[]): Record<string, unknown>[] =>
  [...rows].sort((a, b) => (JSON.stringify(sortKeys(a)) < JSON.stringify(sortKeys(b)) ? -1 : 1));
const sortKeys = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]))
    : value;

const ids = (rows: readonly Record<string, unknown>[]): number[] => rows.map((row) => row.id as number).sort((a, b) => a - b);

describe('Iceberg tables written by the table layer, read back by pyiceberg, DuckDB and chDB', () => {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const io = new IcebergFileIO(createMinioClient(config));
  const namespace = [uniqueName('it_iceberg')];
  const tables: string[] = [];
  let python: string;

  const createTable = async (name: string, partitionBy: Parameters<typeof partitionSpec>[1] = [{ column: 'event_time', transform: 'day' }, { column: 'category', transform: 'identity' }]): Promise<IcebergTable> => {
    const schema = icebergSchemaFromAvro(eventSchema);
    await catalog.createTable(namespace, {
      name,
      schema,
      'partition-spec': partitionSpec(schema, partitionBy),
      properties: { 'format-version': '2' },
    });
    tables.push(name);
    return IcebergTable.load(catalog, io, { namespace, name });
  };

  before(async () => {
    python = pyicebergPython();
    await catalog.ensureNamespace(namespace);
  });

  after(async () => {
    for (const name of tables) await catalog.dropTable({ namespace, name }, true);
    await catalog.dropNamespace(namespace);
  });

  it('two appends are two snapshots; pyiceberg reads every row and value, and a partition filter plans fewer files', async () => {
    const table = await createTable('events');
    const first = [event(1, jan1 + 1000, 'toys'), event(2, jan1 + 2000, 'books'), event(3, jan1 + day + 5, 'toys')];
    const second = [event(4, jan1 + 2 * day, 'toys'), event(5, jan1 + 2 * day + 7, 'toys'), event(6, jan1 + 3 * day, 'books')];
    const s1 = await table.append(first);
    const s2 = await table.append(second);

    const view = await readWithPyiceberg(python, config, `${namespace[0]}.events`, [
      `event_time >= '2026-01-03T00:00:00+00:00'`,
      `category == 'books'`,
      `id == 5`,
    ]);
    assert.deepEqual(view.rows, byJson([...first, ...second].map(asRead)));
    assert.deepEqual(view.snapshots.map((s) => [s.snapshot_id, s.parent_id]), [[s1['snapshot-id'], null], [s2['snapshot-id'], s1['snapshot-id']]]);
    assert.equal(view.snapshots[1]?.summary['total-records'], '6');
    // One file per (day, category): toys and books on Jan 1, toys on Jan 2, toys on Jan 3, books on Jan 4.
    assert.equal(view.files, 5);
    const [laterDays, books, one] = view.filtered.map((scan) => ({ files: scan.files, ids: ids(scan.rows) }));
    assert.deepEqual([laterDays?.files, laterDays?.ids], [2, [4, 5, 6]]);
    assert.deepEqual([books?.files, books?.ids], [2, [2, 6]]);
    // id bounds (4..5 in the Jan 3 file) prune every other file: column statistics at work.
    assert.deepEqual([one?.files, one?.ids], [1, [5]]);
  });

  it('a bucket-partitioned table: pyiceberg, hashing as the spec says, finds each key in the one bucket our writer put it in', async () => {
    const table = await createTable('bucketed', [{ column: 'category', transform: 'bucket[4]' }, { column: 'id', transform: 'bucket[3]' }]);
    const rows = Array.from({ length: 24 }, (_, i) => event(i + 1, jan1 + i * 1000, `shelf ${i % 8}`));
    await table.append(rows);
    const view = await readWithPyiceberg(python, config, `${namespace[0]}.bucketed`, [`category == 'shelf 5'`, 'id == 7']);
    assert.deepEqual(ids(view.rows), ids(rows));
    // Were our hash not the spec's, pyiceberg would look in another bucket and miss these rows.
    const [shelf, one] = view.filtered;
    assert.deepEqual(ids(shelf?.rows ?? []), [6, 14, 22]);
    assert.deepEqual(ids(one?.rows ?? []), [7]);
    assert.ok((shelf?.files ?? 0) < view.files && (one?.files ?? 0) < view.files, `a bucket filter plans fewer files than the ${view.files} there are`);
  });

  it('two writers committing to one table at once both land', async () => {
    const name = 'contended';
    await createTable(name);
    const writers = await Promise.all([IcebergTable.load(catalog, io, { namespace, name }), IcebergTable.load(catalog, io, { namespace, name })]);
    const batches = [0, 1].map((w) => Array.from({ length: 4 }, (_, i) => event(w * 100 + i, jan1 + i * day, 'toys')));
    for (let round = 0; round < 3; round++) {
      await Promise.all(writers.map((writer, w) => writer.append((batches[w] ?? []).map((row) => ({ ...row, id: (row.id as number) + round * 1000 })))));
    }

    const view = await readWithPyiceberg(python, config, `${namespace[0]}.${name}`);
    assert.equal(view.snapshots.length, 6);
    assert.equal(view.rows.length, 24);
    assert.deepEqual(
      ids(view.rows),
      [0, 1].flatMap((w) => [0, 1, 2].flatMap((round) => [0, 1, 2, 3].map((i) => w * 100 + i + round * 1000))).sort((a, b) => a - b),
    );
  });

  for (const peer of ['duckdb', 'chdb'] as const satisfies readonly IcebergPeer[]) {
    it(`${peer} reads every row and value from the table's metadata file on MinIO`, async () => {
      const name = `read_by_${peer}`;
      const table = await createTable(name);
      const rows = [event(1, jan1 + 1000, 'toys'), event(2, jan1 + 2000, 'books'), event(3, jan1 + day + 5, 'toys')];
      await table.append(rows.slice(0, 2));
      await table.append(rows.slice(2));
      const metadataLocation = (await catalog.loadTable({ namespace, name }))['metadata-location'];
      assert.ok(metadataLocation !== undefined, 'the catalog names the metadata file');

      // ClickHouse has no binary type: it reads an Iceberg binary column as a String, which is not
      // valid UTF-8 here, so chDB hands the payload over as hex, as the other readers print it.
      const select = peer === 'chdb' ? '* REPLACE (lower(hex(payload)) AS payload)' : undefined;
      const read = await readWithPeer(peer, interopPython(peer), config, metadataLocation, select);
      assert.deepEqual(read, byJson(rows.map(asRead)));
    });
  }
});
