import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { icebergSchemaFromAvro } from '../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../../infra/iceberg/iceberg-table.ts';
import { partitionSpec } from '../../../infra/iceberg/partition-spec-builder.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { committedOffset, offsetSummaryKey } from '../../../sinks/iceberg/snapshot-offsets.ts';
import { interopPython, pyicebergPython, readWithPeer, readWithPyiceberg } from '../../support/iceberg-reader.ts';
import { runCli } from '../../support/run-cli.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const jan1 = Date.UTC(2026, 0, 1);
const day = 86_400_000;

const sale = (id: number): Record<string, unknown> => ({ sale_id: id, category: id % 3 === 0 ? 'toys' : 'books', amount: id * 125, sold_at: jan1 + (id % 2) * day + id * 1_000 });
const byId = (rows: readonly Record<string, unknown>[]): Record<string, unknown>[] => [...rows].sort((a, b) => Number(a.sale_id) - Number(b.sale_id));

async function cli(...args: string[]): Promise<string> {
  const result = await runCli(['iceberg', ...args]);
  assert.equal(result.code, 0, `shelfstream iceberg ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
}

describe('shelfstream iceberg: describe, compact, expire-snapshots, remove-orphans on a real table', () => {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const io = new IcebergFileIO(createMinioClient(config));
  const namespace = uniqueName('it_iceberg_maint');
  const id = { namespace: [namespace], name: 'sales' };
  const name = `${namespace}.sales`;
  let python: string;

  before(async () => {
    python = pyicebergPython();
    await catalog.ensureNamespace(id.namespace);
    const schema = icebergSchemaFromAvro({
      type: 'record',
      name: 'Sale',
      fields: [
        { name: 'sale_id', type: 'long' },
        { name: 'category', type: 'string' },
        { name: 'amount', type: 'long' },
        { name: 'sold_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ],
    });
    await catalog.createTable(id.namespace, { name: id.name, schema, 'partition-spec': partitionSpec(schema, [{ column: 'sold_at', transform: 'day' }]) });
  });

  after(async () => {
    await catalog.dropTable(id, true);
    await catalog.dropNamespace(id.namespace);
  });

  it('compaction leaves rows identical with fewer files; expiry and orphan removal keep what snapshots read', async () => {
    const table = await IcebergTable.load(catalog, io, id);
    // Six small appends over two days: twelve files of a few rows each, by two writers recording their input offsets as the sink does.
    const inputs = [0, 1].map((partition) => ({ topic: `${namespace}.sales`, partition }));
    for (let batch = 0; batch < 6; batch++) {
      await table.append(Array.from({ length: 4 }, (_, i) => sale(batch * 4 + i)), { [offsetSummaryKey(inputs[batch % 2] ?? assert.fail())]: String(10 * (batch + 1)) });
    }
    const written = byId((await readWithPyiceberg(python, config, name)).rows);
    assert.equal(written.length, 24);
    // A writer that died between writing its file and committing it: the file is on MinIO, in no snapshot.
    const [uncommitted] = await table.writeDataFiles([sale(99)]);
    assert.ok(uncommitted !== undefined);

    const described = await cli('describe', name);
    assert.match(described, /sold_at_day = day\(sold_at\)/);
    assert.match(described, /snapshots \(6, oldest first\)/);
    assert.match(described, /data files of the current snapshot: 12, \d+ bytes, 24 records/);
    assert.match(described, /sale_id\s+long \(required\)/);

    assert.match(await cli('compact', name, '--partition', '2026-01-01'), /6 files in 1 partitions rewritten into 1/);
    const oneDay = await readWithPyiceberg(python, config, name, [`sold_at < '2026-01-02T00:00:00+00:00'`]);
    assert.deepEqual({ files: oneDay.files, dayFiles: oneDay.filtered[0]?.files, rows: byId(oneDay.rows) }, { files: 7, dayFiles: 1, rows: written });
    assert.match(await cli('compact', name), /6 files in 1 partitions rewritten into 1/);
    assert.match(await cli('compact', name), /nothing rewritten/);
    const compacted = await readWithPyiceberg(python, config, name);
    assert.deepEqual(byId(compacted.rows), written, 'rows identical after compaction');
    assert.equal(compacted.files, 2, 'one file per day');
    assert.deepEqual(compacted.snapshots.slice(-2).map((snapshot) => snapshot.summary.operation), ['replace', 'replace']);

    assert.match(await cli('expire-snapshots', name, '--older-than', '0s', '--retain-last', '2'), /6 snapshots expired .*2 kept/);
    const expired = await readWithPyiceberg(python, config, name);
    assert.equal(expired.snapshots.length, 2);
    // The kept snapshots are compactions, which record no offsets of their own: they carry the writers' forward.
    const { metadata } = await catalog.loadTable(id);
    assert.deepEqual(inputs.map((input) => committedOffset(metadata, input)), ['50', '60'], 'every writer position survives compaction and expiry');
    assert.deepEqual(byId(expired.rows), written);

    // A cutoff before the uncommitted file was written spares it: it may belong to a commit in flight.
    const before = await cli('remove-orphans', name, '--older-than', new Date(Date.now() - 3_600_000).toISOString());
    assert.match(before, /: 0 orphan files deleted/);
    const removed = (await cli('remove-orphans', name, '--older-than', '0s')).split('\n').filter((line) => line.startsWith('s3://'));
    assert.ok(removed.includes(uncommitted.location), 'the uncommitted file is an orphan');
    assert.equal(removed.filter((location) => location.endsWith('.parquet')).length, 7, "the uncommitted file and the first day's six small files, which no kept snapshot reads");
    assert.match(await cli('remove-orphans', name, '--older-than', '0s'), /: 0 orphan files deleted/);

    const after = await readWithPyiceberg(python, config, name);
    assert.deepEqual(byId(after.rows), written, 'every kept snapshot still reads');
    const metadataLocation = (await catalog.loadTable(id))['metadata-location'] ?? '';
    const duckdb = await readWithPeer('duckdb', interopPython('duckdb'), config, metadataLocation);
    assert.equal(duckdb.length, 24);
  });

  it('a table that is not there is one line naming it', async () => {
    const result = await runCli(['iceberg', 'describe', `${namespace}.missing`]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /ICEBERG_NO_SUCH_TABLE.*missing/);
  });
});
