import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import type { CrawledProductPage } from '../../../../schemas/types/crawled-product-page.ts';
import { emptyOutcomes, type Batch } from '../../../../streams/batch.ts';
import { pageRules } from '../../../../streams/pages/page-rules.ts';
import { validateRecords } from '../../../../streams/validate-records.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const page = (changes: Partial<CrawledProductPage> = {}): CrawledProductPage => ({ ...sampleRecords['crawled-product-page'], ...changes });
const broken = (p: CrawledProductPage): string[] => Object.entries(pageRules).flatMap(([name, rule]) => (rule(p) === undefined ? [] : [name]));

describe('pageRules', () => {
  it('passes a page as the extractors give it, and one that showed no price, rating or rank', () => {
    assert.deepEqual(broken(page()), []);
    assert.deepEqual(broken(page({ price_minor: null, list_price_minor: null, rating: null, review_count: null, best_seller_ranks: [] })), []);
  });

  it('names each broken rule', () => {
    assert.deepEqual(broken(page({ asin: 'b0dr8g428s' })), ['asin-format']);
    assert.deepEqual(broken(page({ url: 'file:///etc/passwd' })), ['http-url']);
    assert.deepEqual(broken(page({ price_minor: -1 })), ['non-negative-prices']);
    assert.deepEqual(broken(page({ list_price_minor: 10.5 })), ['non-negative-prices']);
    assert.deepEqual(broken(page({ rating: 5.5 })), ['rating-in-range']);
    assert.deepEqual(broken(page({ review_count: -3 })), ['non-negative-review-count']);
    assert.deepEqual(broken(page({ best_seller_ranks: [{ rank: 0, category: 'Toys' }] })), ['positive-ranks']);
    assert.deepEqual(broken(page({ currency: 'usd' })), ['currency-code']);
    assert.deepEqual(broken(page({ raw_html_key: '' })), ['fetch-recorded']);
  });

  it('dead-letters a broken page with every broken rule as its reason, through validateRecords', async () => {
    const records = [page(), page({ asin: 'NOTANASIN', rating: 0 })].map((value, i) => ({
      key: value.asin, value, timestamp: value.fetched_at, headers: {}, origin: { topic: 'pages', partition: 0, offset: String(i) }, raw: { key: null, value: null },
    }));
    const batch: Batch<CrawledProductPage> = { topic: 'pages', partition: 0, records, ...emptyOutcomes(), progress: [] };
    const out = await firstValueFrom(of(batch).pipe(validateRecords('validate-pages', pageRules)));
    assert.deepEqual(out.records.map((r) => r.value.asin), ['B0DR8G428S']);
    assert.deepEqual(out.deadLetters.map((d) => [d.step, d.code, d.message]), [[
      'validate-pages',
'VALIDATION_FAILED', 'asin-format: asin "NOTANASIN" is not 10 upper-case letters or digits; rating-in-range: rating 0 is outside 1..5',
    ]]);
  });
});
