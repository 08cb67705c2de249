import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'shelfstream-cli-errors-'));
const missing = (name: string): string => path.join(dir, name);
/** Services nobody listens on: a command that connected before checking its file would fail on them instead. */
const nowhere = { SHELFSTREAM_KAFKA_BROKERS: '127.0.0.1:1', SHELFSTREAM_SCHEMA_REGISTRY_URL: 'http://127.0.0.1:1' };

/** Ends with exit code 1 and one line on stderr, `[code]` and `names` in it, no stack trace. */
async function assertOneLineError(args: readonly string[], code: string, names: string): Promise<void> {
  const result = await runCli(args, nowhere, 60_000);
  assert.equal(result.killed, false, 'the command hung');
  assert.equal(result.code, 1, result.stderr);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
  assert.match(lines[0] ?? '', new RegExp(`^shelfstream: error \\[${code}\\]: `));
  assert.ok(lines[0]?.includes(names), `${lines[0] ?? ''} does not name ${names}`);
  assert.doesNotMatch(result.stdout + result.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'stack trace printed');
}

describe('the CLI names a file or port it cannot use in one line, without a stack trace', () => {
  let taken: Server;
  let takenPort = 0;
  before(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    takenPort = (taken.address() as { port: number }).port;
  });
  after(() => {
    taken.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replay of a missing file, before anything connects', async () => {
    await assertOneLineError(['replay', missing('orders.csv'), '--kind', 'sales', '--topic', 't'], 'FILE_UNREADABLE', missing('orders.csv'));
  });

  it('replay of a directory', async () => {
    await assertOneLineError(['replay', dir, '--kind', 'products', '--topic', 't'], 'FILE_UNREADABLE', `${dir}: it is a directory`);
  });

  it('extract of a missing page', async () => {
    await assertOneLineError(['extract', missing('page.html')], 'FILE_UNREADABLE', missing('page.html'));
  });

  it('generate --csv into a directory that does not exist', async () => {
    const file = path.join(dir, 'no-such-dir', 'orders.csv');
    await assertOneLineError(['generate', 'orders', '--count', '3', '--csv', file], 'FILE_UNWRITABLE', file);
  });

  it('schemas check with a missing manifest, before any registry call', async () => {
    await assertOneLineError(['schemas', 'check', '--manifest', missing('subjects.json')], 'FILE_UNREADABLE', missing('subjects.json'));
  });

  it('fixtures on a port already taken', async () => {
    await assertOneLineError(['fixtures', 'storefront', '--port', String(takenPort)], 'PORT_UNAVAILABLE', `127.0.0.1:${takenPort} (--port)`);
  });
});
