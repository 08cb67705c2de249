import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPage } from '../../../../../sources/crawler/extract/index.ts';
import { readSavedPage, savedPages } from './saved-pages.ts';

describe('extractPage on the real search-results page for "portable charger"', () => {
  const extraction = extractPage(readSavedPage(savedPages.chargerSearch));
  assert.equal(extraction.kind, 'search');
  const { asins } = extraction;

  it('lists the 22 results, organic and sponsored, in page order and once each', () => {
    assert.equal(asins.length, 22);
    assert.equal(new Set(asins).size, asins.length);
    assert.ok(asins.every((asin) => /^[A-Z0-9]{10}$/.test(asin)));
    // First result (sponsored), the charmast charger of the product page, and the INIU "Overall Pick".
    assert.deepEqual(asins.slice(0, 3), ['B0FQVG4RWW', 'B0DR8G428S', 'B0CB1FW5FC']);
  });
});
