import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverLinks } from '../../../../sources/crawler/discover-links.ts';
import { extractPage } from '../../../../sources/crawler/extract/index.ts';
import { renderProduct2019 } from '../../../../sources/fixtures/storefront/render-product-2019.ts';
import { renderReviewsPage } from '../../../../sources/fixtures/storefront/render-reviews-page.ts';
import { storefrontCatalog } from '../../../../sources/fixtures/storefront/storefront-catalog.ts';
import { reviewPageCount, reviewsPagePath } from '../../../../sources/fixtures/storefront/storefront-paths.ts';

const base = 'http://127.0.0.1:8080';
const catalog = storefrontCatalog({ seed: 5 });

function links(html: string, path: string): string[] {
  const url = new URL(path, base).href;
  return discoverLinks(extractPage(html, { url }), html, url);
}

describe('discoverLinks', () => {
  it('follows a product page to its first reviews page, on the host it was fetched from', () => {
    for (const product of catalog.products.filter((p) => p.layout === 'server-2019' && p.variant !== 'no-title-or-price')) {
      const expected = product.reviews.length === 0 ? [] : [new URL(reviewsPagePath(product.asin, 1), base).href];
      assert.deepEqual(links(renderProduct2019(product), `/dp/${product.asin}`), expected, product.asin);
    }
  });

  it('follows a reviews page to the next, unwrapping the sign-in link of old pages, and stops at the last', () => {
    const product = catalog.products[0];
    assert.ok(product !== undefined);
    const pages = reviewPageCount(product, catalog.reviewsPerPage);
    assert.ok(pages >= 3);
    for (let n = 1; n <= pages; n++) {
      const html = renderReviewsPage({ product, pageNumber: n, pageCount: pages, reviews: product.reviews.slice((n - 1) * 10, n * 10) });
      const expected: string[] = n < pages ? [new URL(reviewsPagePath(product.asin, n + 1), base).href] : [];
      assert.deepEqual(links(html, reviewsPagePath(product.asin, n)), expected, `page ${n}`);
    }
  });

  it('follows search results to each product page', () => {
    const html = `<html><body><div class="s-main-slot">
      <div data-component-type="s-search-result" data-asin="B000000001"></div>
      <div data-component-type="s-search-result" data-asin="B000000002"></div></div></body></html>`;
    const found = links(html, '/s?k=kettle');
    assert.ok(found.length > 0, 'the search extractor found results');
    for (const url of found) assert.match(url, /^http:\/\/127\.0\.0\.1:8080\/dp\/[A-Z0-9]{10}$/);
  });

  it('finds nothing on a page that is not data', () => {
    assert.deepEqual(links('<html><head><title>Robot Check</title></head><body></body></html>', '/dp/B000000001'), []);
  });
});
