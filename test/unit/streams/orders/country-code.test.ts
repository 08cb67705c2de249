import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countryCode } from '../../../../streams/orders/country-code.ts';

describe('countryCode', () => {
  it('names the ISO 3166-1 alpha-2 code of every country of the sample sales CSV', () => {
    const found = ['United States', 'India', 'United Kingdom', 'Canada', 'Australia'].map(countryCode);
    assert.deepEqual(found, ['US', 'IN', 'GB', 'CA', 'AU']);
  });

  it('reads common short names, any case and spacing, and codes given as codes', () => {
    assert.deepEqual(['UK', 'usa', '  united   states ', 'de', 'Germany', 'Côte d’Ivoire'].map(countryCode), ['GB', 'US', 'US', 'DE', 'DE', 'CI']);
  });

  it('is null for a name it does not recognise', () => {
    assert.equal(countryCode('Atlantis'), null);
    assert.equal(countryCode(''), null);
  });
});
