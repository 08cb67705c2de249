import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogListingIdentity } from '../../../../streams/catalog/catalog-listing-identity.ts';
import { catalogProduct } from '../../../support/catalog-product.ts';

describe('catalogListingIdentity', () => {
  it('is the same for one product listed under another sub-category, link and thumbnail', () => {
    const listed = catalogProduct();
    const again = catalogProduct({ sub_category: 'Toys Gifting Store', link: 'https://www.amazon.in/dp/B0BRKXTSBT/ref=sr_1_7?qid=1679140000', image: 'https://m.media-amazon.com/images/I/other.jpg' });
    assert.equal(catalogListingIdentity(again), catalogListingIdentity(listed));
    assert.match(catalogListingIdentity(listed), /^B0BRKXTSBT:[0-9a-f]{32}$/);
  });

  it('differs when the ASIN or anything said of the product differs: a new listing, not a repeat', () => {
    const base = catalogListingIdentity(catalogProduct());
    const changed = [
      catalogProduct({ asin: 'B0BRKXTSBU' }),
      catalogProduct({ name: 'Einstein Box, new edition' }),
      catalogProduct({ main_category: 'stores' }),
      catalogProduct({ ratings: 4.2 }),
      catalogProduct({ no_of_ratings: 5277 }),
      catalogProduct({ discount_price_minor: 64_900 }),
      catalogProduct({ actual_price_minor: null }),
      catalogProduct({ currency: 'USD' }),
      catalogProduct({ marketplace: 'US' }),
    ].map(catalogListingIdentity);
    assert.equal(new Set([base, ...changed]).size, changed.length + 1);
  });
});
