import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveMainJobInputs, type MainJobInputFlags } from '../../../cli/main-job-inputs.ts';
import { InputFileError } from '../../../errors/index.ts';
import { SALES_COLUMNS } from '../../../sources/replay/sales-csv-format.ts';
import { PRODUCT_COLUMNS } from '../../../sources/replay/product-row.ts';
import { runCli } from '../../support/run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'shelfstream-run-inputs-'));
const file = (name: string, text: string): string => {
  const at = path.join(dir, name);
  mkdirSync(path.dirname(at), { recursive: true });
  writeFileSync(at, text);
  return at;
};
// Real exports add columns and change case; the header check takes them as the replay does.
const sales = file('orders.csv', `Unnamed: 0,${SALES_COLUMNS.join(',').toLowerCase()}\n`);
const products = file('products.csv', `${PRODUCT_COLUMNS.join(',')}\n`);
const page = file('pages/b.html', '<html></html>');
file('pages/a.htm', '<html></html>');
file('pages/notes.txt', 'not a page');
file('no-pages/notes.txt', 'not a page');

async function refused(flags: MainJobInputFlags, message: RegExp): Promise<void> {
  await assert.rejects(resolveMainJobInputs(flags), (error: unknown) => error instanceof InputFileError && message.test(error.message));
}

describe('resolveMainJobInputs', () => {
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('keeps the bundled sample and the fixtures when no file is given', async () => {
    assert.deepEqual(await resolveMainJobInputs({}), { sales: [], products: [], pages: [], fixtures: true });
  });

  it("takes the user's files as absolute paths, a directory as its .html pages by name, and turns the fixtures off", async () => {
    const inputs = await resolveMainJobInputs({ sales: [path.relative(process.cwd(), sales)], products: [products, products], pages: [path.join(dir, 'pages'), page] });
    assert.deepEqual(inputs, { sales: [sales], products: [products], pages: [path.join(dir, 'pages', 'a.htm'), page], fixtures: false });
  });

  it('runs the topologies alone when the fixtures are turned off without files, as a deployment member', async () => {
    assert.deepEqual(await resolveMainJobInputs({ fixtures: false }), { sales: [], products: [], pages: [], fixtures: false });
  });

  it('keeps the fixtures beside user files when asked', async () => {
    assert.equal((await resolveMainJobInputs({ pages: [page], fixtures: true })).fixtures, true);
  });

  it('refuses a missing file, a directory given as a CSV, a directory without pages, and a CSV of another kind, naming the flag and the file', async () => {
    await refused({ sales: [path.join(dir, 'none.csv')] }, /^--sales .*none\.csv: no such file or directory$/);
    await refused({ products: [dir] }, /^--products .*: it is a directory, not a CSV file$/);
    await refused({ pages: [path.join(dir, 'no-pages')] }, /^--pages .*no-pages: a directory without \.html pages$/);
    await refused({ products: [sales] }, /^--products .*orders\.csv: not a products CSV: its header lacks name, main_category/);
    await refused({ sales: [products] }, /^--sales .*products\.csv: not a sales CSV: its header lacks OrderID/);
    await refused({ sales: [file('empty.csv', '')] }, /^--sales .*empty\.csv: not a sales CSV/);
  });
});

describe('shelfstream run with a bad input file', () => {
  it('prints one line naming the file and exits 2 before connecting anywhere', async () => {
    const missing = path.join(dir, 'missing.csv');
    // Services nobody listens on: a run that started anything before checking its files would fail on them instead.
    const result = await runCli(['run', '--once', '--sales', missing, '--pages', page], { SHELFSTREAM_KAFKA_BROKERS: '127.0.0.1:1', SHELFSTREAM_LOCAL_STACK: 'off' }, 60_000);
    assert.equal(result.code, 2, result.stderr);
    assert.deepEqual(result.stderr.trimEnd().split('\n'), [`shelfstream: error [INPUT_INVALID]: --sales ${missing}: no such file or directory`]);
  });
});
