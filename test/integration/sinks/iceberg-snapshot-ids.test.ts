import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog, parseExact } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../../infra/iceberg/iceberg-table.ts';
import type { LiveDataFile } from '../../../infra/iceberg/snapshot-files.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { dropIcebergTables } from '../../support/drop-iceberg-tables.ts';
import { pyicebergPython, readWithPyiceberg, runReader } from '../../support/iceberg-reader.ts';
import { runCli } from '../../support/run-cli.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const hour = 3_600_000;
const jan1 = Date.UTC(2026, 0, 1);

/** What test/interop/iceberg-snapshot-ids.py prints; snapshot ids as decimal strings, exact. */
interface Appended {
  readonly snapshot_id: string;
  readonly ids: number[];
}
interface History {
  readonly snapshots: { snapshot_id: string; parent_id: string | null; operation: string }[];
  readonly manifest_snapshot_ids: string[];
}

const row = (id: number, category: string): Record<string, unknown> => ({ id, category, event_time: jan1 + id * hour });
/** A row as read-iceberg.py prints it: timestamps in epoch microseconds. */
const asRead = (r: Record<string, unknown>): Record<string, unknown> => ({ ...r, event_time: (r.event_time as number) * 1000 });
const sorted = (rows: Record<string, unknown>[]): Record<string, unknown>[] => [...rows].sort((a, b) => (a.id as number) - (b.id as number));

describe('snapshot ids above 2^53 written by pyiceberg, committed on exactly', () => {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const io = new IcebergFileIO(createMinioClient(config));
  const id = { namespace: [uniqueName('it_ids')], name: 'events' };
  const name = `${id.namespace[0]}.events`;
  let python: string;

  before(() => {
    python = pyicebergPython();
  });
  after(() => dropIcebergTables(catalog, [id]));

  it('describe shows, our append and our overwrite name pyiceberg’s 63-bit head exactly; pyiceberg reads every row and commits after us', async () => {
    const py = await runReader<Appended>(python, config, 'iceberg-snapshot-ids.py', ['append', name, '1', '3']);
    const pyHead = BigInt(py.snapshot_id);
    assert.ok(pyHead > 2n ** 53n, `pyiceberg's head ${py.snapshot_id} is above 2^53`);

    const table = await IcebergTable.load(catalog, io, id);
    assert.equal(table.currentSnapshot?.['snapshot-id'], pyHead);
    const described = await runCli(['iceberg', 'describe', '--json', name]);
    assert.equal(described.code, 0, described.stderr);
    assert.equal((parseExact(described.stdout) as { currentSnapshotId: unknown }).currentSnapshotId, pyHead);
    const ours = await table.append([row(100, 'ts'), row(101, 'ts')]);
    assert.equal(ours['parent-snapshot-id'], pyHead);

    // The manifest list of our snapshot carries pyiceberg's manifests with their added_snapshot_id exact.
    const afterAppend = await runReader<History>(python, config, 'iceberg-snapshot-ids.py', ['history', name]);
    assert.ok(afterAppend.manifest_snapshot_ids.includes(py.snapshot_id), `${afterAppend.manifest_snapshot_ids.join(', ')} include ${py.snapshot_id}`);
    assert.ok(afterAppend.manifest_snapshot_ids.includes(String(ours['snapshot-id'])));

    // The upsert sink's path: pyiceberg's files replaced by their rows rewritten, in one overwrite snapshot.
    const overwrite = await table.replace('overwrite', async (_head, live) => {
      const remove: LiveDataFile[] = [];
      const rewritten: Record<string, unknown>[] = [];
      for (const file of live) {
        const rows = await table.readDataFile(file.path);
        if (!rows.some((r) => r.category === 'py')) continue;
        remove.push(file);
        rewritten.push(...rows.map((r) => ({ ...r, category: 'py-upserted' })));
      }
      return { remove, add: await table.writeDataFiles(rewritten) };
    });
    assert.ok(overwrite !== undefined);
    assert.equal(overwrite['parent-snapshot-id'], ours['snapshot-id']);

    const pyAgain = await runReader<Appended>(python, config, 'iceberg-snapshot-ids.py', ['append', name, '200', '2']);
    const history = await runReader<History>(python, config, 'iceberg-snapshot-ids.py', ['history', name]);
    const parentOf = (snapshotId: string): string | null | undefined => history.snapshots.find((s) => s.snapshot_id === snapshotId)?.parent_id;
    assert.equal(parentOf(String(ours['snapshot-id'])), py.snapshot_id);
    assert.equal(parentOf(String(overwrite['snapshot-id'])), String(ours['snapshot-id']));
    assert.equal(history.snapshots.find((s) => s.snapshot_id === String(overwrite['snapshot-id']))?.operation, 'overwrite');
    assert.ok(history.snapshots.some((s) => s.parent_id === String(overwrite['snapshot-id'])), 'pyiceberg committed on our overwrite');

    const view = await readWithPyiceberg(python, config, name);
    const expected = [...py.ids.map((i) => row(i, 'py-upserted')), row(100, 'ts'), row(101, 'ts'), ...pyAgain.ids.map((i) => row(i, 'py'))];
    assert.deepEqual(sorted(view.rows), sorted(expected.map(asRead)));
  });
});
