import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_GENERATOR_START } from '../../../../sources/generator/generated-event.ts';
import { writeProductsCsv } from '../../../../sources/generator/products-csv-writer.ts';
import { syntheticCatalog } from '../../../../sources/generator/synthetic-catalog.ts';
import { productsKind } from '../../../../sources/replay/replay-kinds.ts';
import { repoPath } from '../../../support/repo-path.ts';
import { parseCsvFile } from '../replay/parse-csv-file.ts';

describe('products CSV writer', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shelfstream-products-csv-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the real products CSVs' header and reads back through the replay parser as the catalog's products, with nothing nulled", async () => {
    const file = path.join(dir, 'products.csv');
    const catalog = syntheticCatalog(3);
    assert.equal(await writeProductsCsv(3, DEFAULT_GENERATOR_START, file), catalog.products.length);
    const real = await readFile(repoPath('..', 'shared', 'data', 'amazon-products-in-2023', 'Air Conditioners.csv'), 'utf8');
    assert.equal((await readFile(file, 'utf8')).split('\n')[0], real.split(/\r?\n/)[0]);

    const parsed = await parseCsvFile(file, productsKind());
    for (const [i, p] of parsed.entries()) {
      assert.ok('row' in p, `line ${p.line}: ${'error' in p ? p.error.message : ''}`);
      const product = catalog.products[i] ?? assert.fail();
      const { value } = p.row;
      assert.deepEqual(
        { asin: value.asin, category: value.sub_category, list: value.actual_price_minor, currency: value.currency, marketplace: value.marketplace },
        { asin: product.asin, category: product.category, list: product.basePriceMinor, currency: 'USD', marketplace: 'US' },
      );
      assert.ok(value.discount_price_minor === null || value.discount_price_minor < product.basePriceMinor);
      assert.equal(p.row.nulledValues, value.discount_price_minor === null ? 1 : 0, 'only an absent discount is nulled');
      assert.equal(p.row.eventTime, DEFAULT_GENERATOR_START, 'listed at the time given');
    }
  });
});
