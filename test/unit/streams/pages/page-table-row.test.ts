import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import { LatestValueTable } from '../../../../runtime/latest-value-table.ts';
import type { CrawledProductPage } from '../../../../schemas/types/crawled-product-page.ts';
import { emptyOutcomes, type Batch } from '../../../../streams/batch.ts';
import { joinLatest } from '../../../../streams/join-latest.ts';
import { pageTableRow } from '../../../../streams/pages/page-table-row.ts';
import { catalogProduct } from '../../../support/catalog-product.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const page: CrawledProductPage = { ...sampleRecords['crawled-product-page'], best_seller_ranks: [{ rank: 5211, category: 'Cell Phones' }, { rank: 12, category: 'Power Banks' }] };
const listed = catalogProduct({ asin: page.asin, name: 'charmast power bank', main_category: 'electronics', sub_category: 'Power Banks' });

describe('pageTableRow', () => {
  it('spreads the ranks into parallel arrays and adds the catalog entry of the ASIN', () => {
    const fields: Partial<CrawledProductPage> = { ...page };
    delete fields.best_seller_ranks;
    assert.deepEqual(pageTableRow(page, listed), {
      ...fields,
      best_seller_rank: [5211, 12],
      best_seller_rank_category: ['Cell Phones', 'Power Banks'],
      catalog_name: 'charmast power bank',
      catalog_main_category: 'electronics',
      catalog_sub_category: 'Power Banks',
    });
  });

  it('leaves the catalog columns null for an ASIN the catalog lacks', () => {
    const row = pageTableRow(page, null);
    assert.deepEqual([row.catalog_name, row.catalog_main_category, row.catalog_sub_category, row.asin], [null, null, null, page.asin]);
  });

  it('left-joins through joinLatest: a listed page gets the latest entry, an unlisted one passes with nulls', async () => {
    const table = LatestValueTable.fromEntries(new Map([[page.asin, listed]]), 'catalog');
    const unlisted = { ...page, asin: 'B0NOTLISTD' };
    const records = [page, unlisted].map((value, i) => ({
      key: value.asin, value, timestamp: value.fetched_at, headers: {}, origin: { topic: 'pages', partition: 0, offset: String(i) }, raw: { key: null, value: null },
    }));
    const batch: Batch<CrawledProductPage> = { topic: 'pages', partition: 0, records, ...emptyOutcomes(), progress: [] };
    const op = joinLatest({ step: 'join-catalog-pages', table, keyOf: (r: { value: CrawledProductPage }) => r.value.asin, onMissing: 'pass', join: pageTableRow });
    const out = await firstValueFrom(of(batch).pipe(op));
    assert.deepEqual(out.records.map((r) => [r.value.asin, r.value.catalog_name]), [[page.asin, 'charmast power bank'], ['B0NOTLISTD', null]]);
    assert.deepEqual(out.deadLetters, []);
  });
});
