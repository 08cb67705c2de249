import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import { KeyValueStore } from '../../../../runtime/key-value-store.ts';
import type { CrawledProductPage } from '../../../../schemas/types/crawled-product-page.ts';
import { emptyOutcomes, type Batch } from '../../../../streams/batch.ts';
import { deduplicate, type DedupEntry } from '../../../../streams/deduplicate.ts';
import { pageContentIdentity } from '../../../../streams/pages/page-content-identity.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const HOUR = 3_600_000;
const base = sampleRecords['crawled-product-page'];
const page = (changes: Partial<CrawledProductPage> = {}): CrawledProductPage => ({ ...base, ...changes });
/** The same page crawled again later by another job: new fetch time, job and raw key. */
const recrawl = (p: CrawledProductPage, hours: number): CrawledProductPage => ({ ...p, fetched_at: p.fetched_at + hours * HOUR, crawl_job_id: 'crawl-later', raw_html_key: `pages/later/${p.asin}.html.gz` });

describe('pageContentIdentity', () => {
  it('is the same for a page crawled again unchanged, and starts with its ASIN', () => {
    assert.equal(pageContentIdentity(recrawl(page(), 5)), pageContentIdentity(page()));
    assert.match(pageContentIdentity(page()), /^B0DR8G428S:[0-9a-f]{32}$/);
  });

  it('differs when anything the page showed changed, or for another ASIN', () => {
    const changed = [
      page({ asin: 'B0DR8G4280' }),
      page({ price_minor: 3499 }),
      page({ review_count: 227 }),
      page({ best_seller_ranks: [{ rank: 5210, category: 'Cell Phones & Accessories' }] }),
      page({ availability: 'LOW_STOCK' }),
      page({ bullet_points: ['20000mAh capacity'] }),
      page({ title: null }),
    ];
    const identities = new Set([page(), ...changed].map(pageContentIdentity));
    assert.equal(identities.size, changed.length + 1);
  });

  it('drops a re-crawled unchanged page as filtered through deduplicate, and keeps a re-crawl whose price changed', async () => {
    const pages = [page(), recrawl(page(), 2), recrawl(page({ price_minor: 2999 }), 3), page({ asin: 'B0DR8G4280' })];
    const records = pages.map((value, i) => ({
      key: value.asin, value, timestamp: value.fetched_at, headers: {}, origin: { topic: 'pages', partition: 0, offset: String(i) }, raw: { key: null, value: null },
    }));
    const batch: Batch<CrawledProductPage> = { topic: 'pages', partition: 0, records, ...emptyOutcomes(), progress: [] };
    const op = deduplicate<CrawledProductPage>({ step: 'deduplicate-pages', store: new KeyValueStore<DedupEntry>('deduplicate-pages'), keyOf: (r) => pageContentIdentity(r.value), withinMs: 7 * 24 * HOUR });
    const out = await firstValueFrom(of(batch).pipe(op));
    assert.deepEqual(out.records.map((r) => r.origin.offset), ['0', '2', '3']);
    assert.equal(out.filtered, 1);
  });
});
