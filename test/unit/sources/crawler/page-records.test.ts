import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExtractedProduct, ExtractedReview } from '../../../../sources/crawler/extract/index.ts';
import { epochDay, productPageRecord, reviewRecord } from '../../../../sources/crawler/page-records.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';

const from = { url: 'http://127.0.0.1:8080/dp/B000000001', fetchedAt: 1_767_225_600_000, job: 'job-1', rawKey: 'pages/2026-01-01/B000000001/f.html.gz' };

const product: ExtractedProduct = {
  asin: 'B000000001', url: null, marketplace: 'UNKNOWN', title: 'Kettle', brand: null, price_minor: 1999, list_price_minor: null,
  currency: null, rating: null, review_count: null, best_seller_ranks: [], availability: 'IN_STOCK', availability_text: 'In Stock.',
  seller: null, bullet_points: [], image_urls: [],
};

const review: ExtractedReview = {
  review_id: 'R2IWYAXSM40X0F', asin: 'B000000001', rating: 4, title: 'Good', body: 'Boils fast.', author: 'Ann',
  review_date: '2024-01-06', country: 'United States', verified_purchase: true, helpful_votes: 2, variant: null,
};

describe('page records', () => {
  it('completes a product with its provenance, the served URL when the page names none, and XXX for no currency', () => {
    const record = productPageRecord(product, from);
    assert.equal(record.url, from.url);
    assert.equal(record.currency, 'XXX');
    assert.deepEqual([record.fetched_at, record.crawl_job_id, record.raw_html_key], [from.fetchedAt, 'job-1', from.rawKey]);
    assert.equal(readSchemaFile('crawled-product-page').type.isValid(record), true);
    assert.equal(productPageRecord({ ...product, url: 'https://www.amazon.com/dp/B000000001', currency: 'USD' }, from).url, 'https://www.amazon.com/dp/B000000001');
  });

  it('turns a review\'s ISO date into days since the epoch', () => {
    const record = reviewRecord(review, from);
    assert.equal(record.review_date, 19_728);
    assert.equal(record.crawl_job_id, 'job-1');
    assert.equal(readSchemaFile('crawled-review').type.isValid(record), true);
  });

  it('counts days in UTC, before the epoch too', () => {
    assert.equal(epochDay('1970-01-01'), 0);
    assert.equal(epochDay('1969-12-31'), -1);
    assert.equal(epochDay('2000-02-29'), 11_016);
    assert.throws(() => epochDay('January 6'), RangeError);
  });
});
