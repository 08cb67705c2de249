import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../../config/index.ts';
import { icebergSchemaFromAvro } from '../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { startCompactionSchedule } from '../../../infra/iceberg/compaction-schedule.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../../infra/iceberg/iceberg-table.ts';
import { partitionSpec } from '../../../infra/iceberg/partition-spec-builder.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { dropIcebergTables } from '../../support/drop-iceberg-tables.ts';
import { pyicebergPython, readWithPyiceberg } from '../../support/iceberg-reader.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const day = 86_400_000;
const jan1 = Date.UTC(2026, 0, 1);
const APPENDS = 24;
const PER_APPEND = 10;

const row = (id: number): Record<string, unknown> => ({ id, note: `order ${id}`, ordered_at: jan1 + (id % 2) * day + id * 1000 });

describe('scheduled compaction beside a writer', () => {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const io = new IcebergFileIO(createMinioClient(config));
  const id = { namespace: [uniqueName('it_compact_schedule')], name: 'orders' };
  let python: string;

  before(async () => {
    python = pyicebergPython();
    const fields = [{ name: 'id', type: 'long' }, { name: 'note', type: 'string' }, { name: 'ordered_at', type: { type: 'long', logicalType: 'timestamp-millis' } }];
    const schema = icebergSchemaFromAvro({ type: 'record', name: 'Order', fields });
    await catalog.ensureNamespace(id.namespace);
    await catalog.createTable(id.namespace, { name: id.name, schema, 'partition-spec': partitionSpec(schema, [{ column: 'ordered_at', transform: 'day' }]) });
  });
  after(() => dropIcebergTables(catalog, [id]));

  it('compacts while the writer appends: every append and compaction lands, rows identical, fewer files', async () => {
    const log: string[] = [];
    const schedule = startCompactionSchedule({ catalog, io, tables: [id], intervalMs: 200, minFiles: 3, log: (line) => log.push(line) });
    // The writer keeps its metadata between appends, as the sink does: once a compaction has committed, its next append is rejected (409) and rebased.
    const writer = await IcebergTable.load(catalog, io, id);
    const written: Record<string, unknown>[] = [];
    try {
      for (let a = 0; a < APPENDS; a++) {
        const rows = Array.from({ length: PER_APPEND }, (_, i) => row(a * PER_APPEND + i));
        await writer.append(rows);
        written.push(...rows);
        // A sink commits on its flush interval, not back to back: compaction commits in between.
        await sleep(300);
      }
      const passes = schedule.passes;
      while (schedule.passes < passes + 2) await sleep(100);
    } finally {
      await schedule.stop();
    }

    assert.ok(!log.some((line) => line.includes('failed')), log.join('\n'));
    assert.ok(log.some((line) => line.startsWith(`compacted ${id.namespace[0]}.orders`)), `compactions: ${log.join('\n')}`);
    const view = await readWithPyiceberg(python, config, `${id.namespace[0]}.orders`);
    const byId = (rows: Record<string, unknown>[]): unknown[][] => rows.map((r) => [r.id, r.note, r.ordered_at]).sort((x, y) => Number(x[0]) - Number(y[0]));
    assert.deepEqual(byId(view.rows), byId(written.map((r) => ({ ...r, ordered_at: (r.ordered_at as number) * 1000 }))));
    const operations = view.snapshots.map((s) => s.summary.operation);
    assert.equal(operations.filter((op) => op === 'append').length, APPENDS);
    assert.ok(operations.includes('replace'));
    // An append after a compaction, built on the compaction's snapshot.
    const replaced = new Set(view.snapshots.filter((s) => s.summary.operation === 'replace').map((s) => String(s.snapshot_id)));
    assert.ok(view.snapshots.some((s) => s.summary.operation === 'append' && replaced.has(String(s.parent_id))), `the writer rebased onto a compaction: ${JSON.stringify(view.snapshots.map((s) => [s.summary.operation, s.snapshot_id, s.parent_id]))} ${log.join(' / ')}`);
    // Two days, each under the threshold after the last pass: far fewer than the appends' 2 × 24 files.
    assert.ok(view.files <= 2 * 2, `${view.files} files`);
  });
});
