import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryAfterMs } from '../../../../sources/poller/retry-after.ts';

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 7, 16, 12, 0, 0);

  it('reads delay-seconds', () => {
    assert.equal(retryAfterMs('1', now), 1000);
    assert.equal(retryAfterMs(' 120 ', now), 120_000);
    assert.equal(retryAfterMs('0.5', now), 500);
  });

  it('reads an HTTP date as the time left until it, never negative', () => {
    assert.equal(retryAfterMs('Sun, 16 Aug 2026 12:00:30 GMT', now), 30_000);
    assert.equal(retryAfterMs('Sun, 16 Aug 2026 11:00:00 GMT', now), 0);
  });

  it('is undefined when absent or unreadable', () => {
    assert.equal(retryAfterMs(null, now), undefined);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs('-5', now), undefined);
  });
});
