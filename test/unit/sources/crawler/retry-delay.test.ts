import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelay } from '../../../../sources/crawler/retry-delay.ts';

const policy = { initialDelayMs: 1_000, maxDelayMs: 10_000 };

describe('retryDelay', () => {
  it('doubles per failure up to the ceiling, between half and all of it', () => {
    const range = (failures: number): [number, number] => [retryDelay(policy, failures, () => 0), retryDelay(policy, failures, () => 1)];
    assert.deepEqual(range(1), [500, 1_000]);
    assert.deepEqual(range(2), [1_000, 2_000]);
    assert.deepEqual(range(3), [2_000, 4_000]);
    assert.deepEqual(range(5), [5_000, 10_000]);
    assert.deepEqual(range(30), [5_000, 10_000]);
  });

  it('spreads retries made together (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelay(policy, 3)));
    assert.ok(delays.size > 10);
    for (const d of delays) assert.ok(d >= 2_000 && d <= 4_000);
  });
});
