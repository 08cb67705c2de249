import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPage, type ExtractedProduct, type ExtractedReview, type PageExtraction } from '../../../../../sources/crawler/extract/index.ts';
import { readSavedPage, savedPages } from './saved-pages.ts';

function productOf(extraction: PageExtraction): { product: ExtractedProduct; reviews: ExtractedReview[] } {
  assert.equal(extraction.kind, 'product');
  return extraction;
}

describe('extractPage on the real 2019 server page of B07G2L3JMM', () => {
  const { product, reviews } = productOf(extractPage(readSavedPage(savedPages.sconce)));

  it('reads the values the page shows', () => {
    assert.equal(product.asin, 'B07G2L3JMM');
    assert.equal(product.url, 'https://www.amazon.com/dp/B07G2L3JMM');
    assert.equal(product.marketplace, 'US');
    assert.equal(
      product.title,
      'Modern LED Wall Sconce Lighting Fixture Lamps 7W Warm White 2700K Up and Down Indoor Plaster Wall Lamps for Living Room Bedroom Hallway Conservatory Home Room Decor(with G9 Bulbs Not Dimmable)',
    );
    assert.equal(product.brand, 'ChangM');
    assert.equal(product.price_minor, 2999);
    assert.equal(product.list_price_minor, null);
    assert.equal(product.currency, 'USD');
    assert.equal(product.rating, 4.4);
    assert.equal(product.review_count, 82);
    assert.equal(product.availability, 'IN_STOCK');
    assert.equal(product.availability_text, 'In Stock.');
    assert.equal(product.seller, 'Direct ChangM');
  });

  it('reads the best-seller ranks of the product-details table, main category first', () => {
    assert.deepEqual(product.best_seller_ranks, [
      { rank: 14_233, category: 'Tools & Home Improvement' },
      { rank: 11, category: 'Wall Sconces' },
    ]);
  });

  it('reads the five feature bullets and the nine gallery images, main image first', () => {
    assert.equal(product.bullet_points.length, 5);
    assert.match(product.bullet_points[0] ?? '', /^【Natural Protection Materials】Whole body of the lamp is made of plaster\./);
    assert.match(product.bullet_points[4] ?? '', /^【Warranty and Service】/);
    assert.equal(product.image_urls.length, 9);
    assert.equal(product.image_urls[0], 'https://images-na.ssl-images-amazon.com/images/I/71mo6NjnxaL._AC_SL1500_.jpg');
  });

  it('reads the 8 embedded reviews, with the 2019 date that names no country', () => {
    assert.equal(reviews.length, 8);
    assert.deepEqual(reviews[0], {
      review_id: 'R1AVN847IGUP45',
      asin: 'B07G2L3JMM',
      rating: 5,
      title: 'Excellent Light',
      body: 'Great light for the money, very stylish and bright,',
      author: 'Jray',
      review_date: '2019-04-08',
      country: null,
      verified_purchase: true,
      helpful_votes: 23,
      variant: null,
    });
    // The name, not the badge next to it ("Henry Wolford VINE VOICE").
    assert.equal(reviews[1]?.author, 'Henry Wolford');
    assert.deepEqual(
      reviews.map((r) => r.rating),
      [5, 5, 5, 4, 5, 5, 5, 3],
    );
  });
});

describe('extractPage on the real 2026 rendered page of B0DR8G428S', () => {
  const { product, reviews } = productOf(extractPage(readSavedPage(savedPages.charger)));

  it('reads the values the page shows', () => {
    assert.equal(product.asin, 'B0DR8G428S');
    assert.equal(product.marketplace, 'US');
    assert.match(product.title ?? '', /^charmast 20000mAh Portable Charger with Built-in Cables and AC Wall Plug \| 20W Fast Charging Power Bank/);
    assert.equal(product.brand, 'charmast');
    assert.equal(product.rating, 4.2);
    assert.equal(product.review_count, 226);
    assert.equal(product.availability, 'IN_STOCK');
    assert.equal(product.seller, 'Chen Ying Ke Ji');
    assert.equal(product.bullet_points.length, 6);
    assert.equal(product.image_urls.length, 6);
    assert.equal(product.image_urls[0], 'https://m.media-amazon.com/images/I/81lAsPSu2FL._AC_SL1500_.jpg');
  });

  it('reads the buy-box price (its .a-offscreen is empty) and the list price, not the other offers', () => {
    assert.equal(product.price_minor, 3599);
    assert.equal(product.list_price_minor, 4599);
    assert.equal(product.currency, 'USD');
  });

  it('reads the best-seller ranks of the bullet list inside the details table', () => {
    assert.deepEqual(product.best_seller_ranks, [
      { rank: 5211, category: 'Cell Phones & Accessories' },
      { rank: 309, category: 'Cell Phone Portable Power Banks' },
    ]);
  });

  it('finds the storefront without a canonical link or URL, from the page markup', () => {
    assert.equal(product.url, 'https://www.amazon.com/dp/B0DR8G428S');
  });

  it('reads the 8 embedded reviews of the rendered layout once each', () => {
    assert.equal(reviews.length, 8);
    assert.equal(new Set(reviews.map((r) => r.review_id)).size, 8);
    const first = reviews[0];
    assert.equal(first?.review_id, 'R2XWT91Z55S2B7');
    assert.equal(first.author, 'TL');
    assert.equal(first.rating, 5);
    assert.equal(first.title, 'Would buy again');
    assert.equal(first.review_date, '2026-07-30');
    assert.equal(first.country, 'United States');
    assert.equal(first.variant, 'Color: dustpink');
    assert.equal(first.verified_purchase, true);
    assert.match(first.body, /^I’ve owned several power banks over the years/);
    // Paragraphs stay paragraphs.
    assert.match(first.body, /\nWhat I Like\n/);
    assert.deepEqual(
      reviews.filter((r) => r.helpful_votes > 0).map((r) => [r.review_id, r.helpful_votes]),
      [['R3U8GFQA5TODUK', 1], ['R1O7DFZ8CKX6YM', 1]],
    );
    assert.ok(reviews.every((r) => r.asin === 'B0DR8G428S'));
  });

  it('drops slug, ref path and query of the URL the page was fetched from', () => {
    const url = 'https://www.amazon.com/charmast-Portable-Charger-Built/dp/B0DR8G428S/ref=sr_1_2?keywords=portable+charger&th=1';
    const again = productOf(extractPage(readSavedPage(savedPages.charger), { url }));
    assert.equal(again.product.url, 'https://www.amazon.com/dp/B0DR8G428S');
  });
});
