import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExtractionError, ShelfstreamError } from '../../../../../errors/index.ts';
import { extractPage, type PageExtraction } from '../../../../../sources/crawler/extract/index.ts';

/** Small hand-written pages in Amazon's markup, for the layouts and failures the saved pages do not show. */
function productPage(body: string, head = ''): string {
  return `<!doctype html><html><head><title>Amazon.co.uk</title>${head}</head><body><div id="dp-container"><div id="ppd">${body}</div></div></body></html>`;
}

function extracted(html: string, url?: string): PageExtraction {
  return extractPage(html, url === undefined ? {} : { url });
}

describe('extractPage on product-page layout variants', () => {
  it('reads a 2023 layout: empty .a-offscreen, struck list price, detail-bullet ranks, "Visit the … Store"', () => {
    const html = productPage(`
      <span id="productTitle">  Acme &amp; Sons &#34;Kettle&#34;
        1.7 L  </span>
      <a id="bylineInfo" href="/stores/Acme">Visit the Acme Store</a>
      <div id="corePrice_feature_div">
        <span class="a-price aok-align-center"><span class="a-offscreen"> </span><span aria-hidden="true"><span class="a-price-symbol">£</span><span class="a-price-whole">1,299<span class="a-price-decimal">.</span></span><span class="a-price-fraction">00</span></span></span>
        <span class="a-price a-text-price" data-a-strike="true"><span class="a-offscreen">£1,499.00</span></span>
      </div>
      <div id="availability"><span>Only 3 left in stock.</span><span class="aok-hidden">hidden note</span></div>
      <div id="merchant-info">Ships from and sold by Amazon.co.uk.</div>
      <div id="detailBulletsWrapper_feature_div"><ul><li><span class="a-list-item"><span class="a-text-bold">Best Sellers Rank:</span>
        #1,234 in Home &amp; Kitchen (<a href="/gp/bestsellers/kitchen">See Top 100 in Home &amp; Kitchen</a>)
        <ul class="zg_hrsr"><li><span class="a-list-item">#5 in <a href="/x">Kettles</a></span></li></ul></span></li></ul></div>
      <script>var data = {"asin":"B0OTHER001"};</script>
      <input type="hidden" name="ASIN" value="B0KETTLE01">`);
    const result = extracted(html, 'https://www.amazon.co.uk/Acme-Kettle/dp/B0KETTLE01?tag=x');
    assert.equal(result.kind, 'product');
    const { product } = result;
    assert.equal(product.asin, 'B0KETTLE01');
    assert.equal(product.url, 'https://www.amazon.co.uk/dp/B0KETTLE01');
    assert.equal(product.marketplace, 'UK');
    assert.equal(product.title, 'Acme & Sons "Kettle" 1.7 L');
    assert.equal(product.brand, 'Acme');
    assert.equal(product.price_minor, 129_900);
    assert.equal(product.list_price_minor, 149_900);
    assert.equal(product.currency, 'GBP');
    assert.equal(product.availability, 'LOW_STOCK');
    assert.equal(product.availability_text, 'Only 3 left in stock.');
    assert.equal(product.seller, 'Amazon.co.uk');
    assert.deepEqual(product.best_seller_ranks, [
      { rank: 1234, category: 'Home & Kitchen' },
      { rank: 5, category: 'Kettles' },
    ]);
    assert.equal(product.rating, null);
    assert.equal(product.review_count, null);
    assert.deepEqual(product.bullet_points, []);
    assert.deepEqual(result.reviews, []);
  });

  it('accepts a product without a price when the page says it is unavailable', () => {
    const html = productPage('<span id="productTitle">Old Kettle</span><div id="availability">Currently unavailable.</div>');
    const result = extracted(html, 'https://www.amazon.de/dp/B0KETTLE02');
    assert.equal(result.kind, 'product');
    assert.equal(result.product.price_minor, null);
    assert.equal(result.product.availability, 'UNAVAILABLE');
    assert.equal(result.product.currency, 'EUR');
  });
});

describe('extractPage errors on recognized pages that yield no data', () => {
  it('throws EXTRACT_MISSING_FIELD for a product page without a price, located by URL and file', () => {
    const html = productPage('<span id="productTitle">Mystery Kettle</span><div id="availability">In Stock.</div>');
    const url = 'https://www.amazon.com/dp/B0KETTLE03';
    assert.throws(
      () => extractPage(html, { url, file: 'raw/2026-08-16/B0KETTLE03/f1.html.gz' }),
      (error: unknown) => {
        assert.ok(error instanceof ExtractionError);
        assert.ok(error instanceof ShelfstreamError);
        assert.equal(error.code, 'EXTRACT_MISSING_FIELD');
        assert.equal(error.field, 'price');
        assert.equal(error.retriable, false);
        assert.deepEqual(error.location, { url, file: 'raw/2026-08-16/B0KETTLE03/f1.html.gz' });
        return true;
      },
    );
  });

  it('throws EXTRACT_MISSING_FIELD for a product page without a title', () => {
    const html = productPage('<div id="corePrice_feature_div"><span class="a-price"><span class="a-offscreen">$9.99</span></span></div>');
    assert.throws(() => extracted(html, 'https://www.amazon.com/dp/B0KETTLE04'), { name: 'ExtractionError', field: 'title' });
  });

  it('throws for a review whose rating cannot be read, naming the review', () => {
    const html = `<html><body><div id="cm_cr-review_list">
      <div id="R1TESTREVIEW1" data-hook="review"><span class="a-profile-name">Ann</span>
        <i data-hook="review-star-rating"><span class="a-icon-alt">great</span></i>
        <span data-hook="review-date">Reviewed in the United States on May 1, 2024</span><span data-hook="review-body">Fine.</span></div>
      </div></body></html>`;
    assert.throws(() => extracted(html, 'https://www.amazon.com/product-reviews/B0KETTLE05'), {
      code: 'EXTRACT_UNREADABLE_FIELD',
      field: 'reviews[R1TESTREVIEW1].rating',
    });
  });
});

describe('extractPage on a reviews page layout', () => {
  it('reads linkless badges, resolves a relative next link, and stops on the last page', () => {
    const review = `<div id="R2TESTREVIEW2" data-hook="review">
      <div data-hook="genome-widget"><span class="a-profile-name">Bo</span></div><span class="a-profile-name">Bo</span>
      <a data-hook="review-title"><i data-hook="review-star-rating"><span class="a-icon-alt">2.0 out of 5 stars</span></i> <span>Meh</span></a>
      <span data-hook="review-date">Reviewed in Canada on 2 June 2024</span>
      <span data-hook="avp-badge-linkless">Verified Purchase</span>
      <span data-hook="review-body"><span>Line one<br>Line two</span></span>
      <span data-hook="helpful-vote-statement">One person found this helpful</span></div>`;
    const page = (next: string): string =>
      `<html><body><div id="cm_cr-review_list">${review}</div><div id="cm_cr-pagination_bar"><ul class="a-pagination">${next}</ul></div></body></html>`;
    const url = 'https://www.amazon.ca/product-reviews/B0KETTLE06?pageNumber=1';
    const first = extracted(page('<li class="a-last"><a href="/product-reviews/B0KETTLE06?pageNumber=2">Next page</a></li>'), url);
    assert.equal(first.kind, 'reviews');
    assert.equal(first.asin, 'B0KETTLE06');
    assert.equal(first.nextPageUrl, 'https://www.amazon.ca/product-reviews/B0KETTLE06?pageNumber=2');
    assert.deepEqual(first.reviews, [
      {
        review_id: 'R2TESTREVIEW2',
        asin: 'B0KETTLE06',
        rating: 2,
        title: 'Meh',
        body: 'Line one\nLine two',
        author: 'Bo',
        review_date: '2024-06-02',
        country: 'Canada',
        verified_purchase: true,
        helpful_votes: 1,
        variant: null,
      },
    ]);
    const last = extracted(page('<li class="a-disabled a-last">Next page</li>'), url);
    assert.equal(last.kind, 'reviews');
    assert.equal(last.nextPageUrl, null);
  });
});
