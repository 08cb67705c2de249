import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarketplaceObservation } from '../../../../schemas/types/marketplace-observation.ts';
import { observationRules } from '../../../../streams/observations/observation-rules.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const observation = (changes: Partial<MarketplaceObservation> = {}): MarketplaceObservation => ({ ...sampleRecords['marketplace-observation'], ...changes });
const broken = (o: MarketplaceObservation): string[] => Object.entries(observationRules).flatMap(([name, rule]) => (rule(o) === undefined ? [] : [name]));

describe('observationRules', () => {
  it('passes an observation, and one without price, rank or estimates', () => {
    assert.deepEqual(broken(observation()), []);
    assert.deepEqual(broken(observation({ price_minor: null, sales_rank: null, sales_rank_category: null, estimated_monthly_units: null, estimated_monthly_revenue_minor: null })), []);
  });

  it('names each broken rule', () => {
    assert.deepEqual(broken(observation({ asin: 'B0-TOO-SHORT' })), ['asin-format']);
    assert.deepEqual(broken(observation({ price_minor: -1 })), ['non-negative-amounts']);
    assert.deepEqual(broken(observation({ estimated_monthly_units: -5 })), ['non-negative-amounts']);
    assert.deepEqual(broken(observation({ sales_rank: 0 })), ['positive-rank']);
    assert.deepEqual(broken(observation({ source: ' ' })), ['known-source']);
    assert.deepEqual(broken(observation({ currency: 'usd' })), ['currency-code']);
  });
});
