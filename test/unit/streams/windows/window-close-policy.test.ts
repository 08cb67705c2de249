import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidOptionError } from '../../../../errors/index.ts';
import { hopping, NO_WATERMARK, session, tumbling, windowClosePolicy } from '../../../../streams/windows/index.ts';

describe('windowClosePolicy', () => {
  const policy = windowClosePolicy({ graceMs: 5_000 });
  const window = { start: 60_000, end: 120_000 };

  it('closes a window once the watermark reaches its end plus the grace period', () => {
    assert.equal(policy.closesAt(window), 125_000);
    assert.equal(policy.isClosed(window, 124_999), false);
    assert.equal(policy.isClosed(window, 125_000), true);
    assert.equal(policy.isClosed(window, NO_WATERMARK), false);
  });

  it('counts an out-of-order record inside the grace period and marks one past it late', () => {
    const windows = tumbling({ sizeMs: 60_000 }).assignWindows(119_000);
    assert.equal(policy.isLate(windows, 124_999), false);
    assert.equal(policy.isLate(windows, 125_000), true);
  });

  it('is late for a hopping record only when its last window has closed too', () => {
    const windows = hopping({ sizeMs: 60_000, advanceMs: 20_000 }).assignWindows(61_000); // [20k,80k) [40k,100k) [60k,120k)
    assert.equal(windows.length, 3);
    assert.equal(policy.isLate(windows, 110_000), false);
    assert.equal(policy.isLate(windows, 125_000), true);
  });

  it('judges a session record by the session it merges into', () => {
    const sessions = session({ gapMs: 10_000 });
    const open = { start: 0, end: 200_000 };
    const { window: merged } = sessions.merge([open], 50_000);
    assert.equal(policy.isLate([{ start: 50_000, end: 60_000 }], 150_000), true, 'its own span alone is closed');
    assert.equal(policy.isLate([merged], 150_000), false, 'but the session holding it is open');
  });

  it('allows no grace period but rejects a negative one', () => {
    assert.equal(windowClosePolicy({ graceMs: 0 }).isClosed(window, 120_000), true);
    assert.throws(() => windowClosePolicy({ graceMs: -1 }), InvalidOptionError);
  });
});
