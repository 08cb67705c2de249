import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidOptionError } from '../../../../errors/index.ts';
import { NO_WATERMARK, windowClosePolicy } from '../../../../streams/windows/index.ts';

describe('windowClosePolicy', () => {
  const policy = windowClosePolicy({ graceMs: 5_000 });
  const window = { start: 60_000, end: 120_000 };

  it('closes a window once the watermark reaches its end plus the grace period', () => {
    assert.equal(policy.closesAt(window), 125_000);
    assert.equal(policy.isClosed(window, 124_999), false);
    assert.equal(policy.isClosed(window, 125_000), true);
    assert.equal(policy.isClosed(window, NO_WATERMARK), false);
  });

  it('allows no grace period but rejects a negative one', () => {
    assert.equal(windowClosePolicy({ graceMs: 0 }).isClosed(window, 120_000), true);
    assert.throws(() => windowClosePolicy({ graceMs: -1 }), InvalidOptionError);
  });
});
