import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { extractPage } from '../../../../../sources/crawler/extract/index.ts';
import { readSavedPage, savedPages } from './saved-pages.ts';

/** That project's scraper output: objects 0-9 are page 1, the saved page. */
const expectedReviews = z
  .array(z.object({ Author: z.string(), Date: z.string(), Rating: z.string(), 'Review Body': z.string() }))
  .parse(JSON.parse(readSavedPage(savedPages.monitorReviewsExpected)))
  .slice(0, 10);

/** Its bodies lost the line breaks (<br>) and keep double spaces: compare without whitespace. */
function withoutWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('extractPage on the real customer-reviews page of B01IPHVFUI', () => {
  const extraction = extractPage(readSavedPage(savedPages.monitorReviews));
  assert.equal(extraction.kind, 'reviews');
  const { asin, reviews, nextPageUrl } = extraction;

  it('reads the 10 reviews of the list, 9 of them verified purchases', () => {
    assert.equal(asin, 'B01IPHVFUI');
    assert.deepEqual(
      reviews.map((r) => r.review_id),
      ['R2IWYAXSM40X0F', 'R3FWUKE500WDJI', 'R2L3I0DMBTSUJY', 'R1WWKNPYE90A1F', 'R3UQZMLZU48MSD', 'R3JM9AYJ56F517', 'R2O1CX0FCFPNDN', 'R2J67G75MTFS9M', 'R2GC64A0LT2I1', 'R2T4B2N2I4AQIB'],
    );
    assert.equal(reviews.filter((r) => r.verified_purchase).length, 9);
    assert.ok(reviews.every((r) => r.asin === 'B01IPHVFUI' && r.country === 'United States'));
  });

  it('leaves out the older review of the top positive / top critical block and the names outside the list', () => {
    assert.ok(!reviews.some((r) => r.review_id === 'RB8Q32AP5299Q'));
    assert.ok(!reviews.some((r) => r.author?.startsWith('Systopian') === true));
  });

  it('agrees with the other project\'s scraper on author, date, rating and body', () => {
    assert.equal(reviews.length, expectedReviews.length);
    expectedReviews.forEach((expected, i) => {
      const review = reviews[i];
      assert.ok(review);
      assert.equal(review.author, expected.Author);
      const dateText = /on (.+)$/.exec(expected.Date)?.[1] ?? '';
      assert.equal(review.review_date, new Date(`${dateText} UTC`).toISOString().slice(0, 10), expected.Date);
      assert.equal(review.rating, Number.parseFloat(expected.Rating));
      assert.equal(withoutWhitespace(review.body), withoutWhitespace(expected['Review Body']));
    });
  });

  it('reads title, helpful votes and variant of a review', () => {
    const review = reviews.find((r) => r.review_id === 'R2GC64A0LT2I1');
    assert.equal(review?.title, 'WARNING: No DisplayPort on "DP/HDMI 3-Yr Warranty"');
    assert.equal(review.helpful_votes, 1);
    assert.equal(review.variant, 'Size: 27-Inch | Style: Curved | Set: DP/HDMI 3-Yr Warranty');
    assert.equal(reviews.find((r) => r.review_id === 'R2T4B2N2I4AQIB')?.helpful_votes, 12);
    assert.equal(reviews.find((r) => r.review_id === 'R2IWYAXSM40X0F')?.helpful_votes, 0);
  });

  it('keeps the line breaks of a body', () => {
    const body = reviews.find((r) => r.review_id === 'R2GC64A0LT2I1')?.body ?? '';
    assert.match(body, /not DisplayPort\.\nI've had one Samsung/);
  });

  it('follows "Next page" through the sign-in redirect it is wrapped in', () => {
    assert.equal(
      nextPageUrl,
      'https://www.amazon.com/Samsung-27-inch-Business-C27F390FHN-LED-Lit/product-reviews/B01IPHVFUI?ie=UTF8&pageNumber=2&reviewerType=all_reviews&sortBy=recent&formatType=current_format',
    );
  });
});
