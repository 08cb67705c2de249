import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_GENERATOR_START, type GeneratorOptions } from '../../../../sources/generator/generated-event.ts';
import { generateOrders } from '../../../../sources/generator/order-generator.ts';
import { salesCsvRow, shortDecimal, writeSalesCsv } from '../../../../sources/generator/sales-csv-writer.ts';
import { salesKind } from '../../../../sources/replay/replay-kinds.ts';
import { repoPath } from '../../../support/repo-path.ts';
import { parseCsvFile } from '../replay/parse-csv-file.ts';

const options: GeneratorOptions = { seed: 5, count: 3_000, start: DEFAULT_GENERATOR_START, eventsPerSecond: 0.01 };

describe('sales CSV writer', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shelfstream-generator-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes amounts and discounts as the dataset does', () => {
    assert.deepEqual(
      [shortDecimal(228_737, 2), shortDecimal(12_510, 2), shortDecimal(0, 2), shortDecimal(900, 2), shortDecimal(5, 2), shortDecimal(1_500, 4), shortDecimal(500, 4), shortDecimal(0, 4)],
      ['2287.37', '125.1', '0.0', '9.0', '0.05', '0.15', '0.05', '0.0'],
    );
  });

  it('writes the 20 columns of the real sales CSV, in its order and format', async () => {
    const file = path.join(dir, 'format.csv');
    await writeSalesCsv(generateOrders({ ...options, count: 50 }), file);
    const real = await readFile(repoPath('..', 'shared', 'data', 'amazon-sales-orders', 'Amazon_sales_sample_90rows.csv'), 'utf8');
    const [header, first] = (await readFile(file, 'utf8')).split('\n');
    assert.equal(header, real.split('\n')[0]);
    const shape = /^ORD\d{7},\d{4}-\d{2}-\d{2},CUST\d{6},[^,]+,P\d{5},("[^"]*"|[^,]+),[^,]+,[^,]+,[1-5],\d+\.\d{1,2},0\.\d{1,2},\d+\.\d{1,2},\d+\.\d{1,2},\d+\.\d{1,2},[A-Za-z ]+,[A-Za-z]+,[A-Za-z ]+,[A-Z]{2},[A-Za-z ]+,SELL\d{5}$/;
    assert.match(first ?? '', shape);
    assert.match(real.split('\n')[1] ?? '', shape);
  });

  it('reads back through the replay parser into exactly the orders generated, quoted names included', async () => {
    const file = path.join(dir, 'sample.csv');
    assert.equal(await writeSalesCsv(generateOrders(options), file), options.count);
    const parsed = await parseCsvFile(file, salesKind());
    const generated = [...generateOrders(options)];
    assert.equal(parsed.length, generated.length);
    for (const [i, p] of parsed.entries()) {
      assert.ok('row' in p, `line ${p.line}: ${'error' in p ? p.error.message : ''}`);
      assert.deepEqual(p.row.value, generated[i]?.value);
    }
    const text = await readFile(file, 'utf8');
    assert.ok(generated.some((g) => g.value.product_name.includes(',') && text.includes(`"${g.value.product_name}"`)));
    assert.deepEqual(salesCsvRow(generated[0]?.value ?? assert.fail()).length, 20);
  });

  it('writes the same bytes for the same seed', async () => {
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    await writeSalesCsv(generateOrders(options), a);
    await writeSalesCsv(generateOrders(options), b);
    assert.ok((await readFile(a)).equals(await readFile(b)));
  });
});
