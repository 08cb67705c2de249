import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidOptionError } from '../../../../errors/index.ts';
import { session, type Window } from '../../../../streams/windows/index.ts';
import { seededRandom } from '../../../support/seeded-random.ts';

const gapMs = 10;

describe('session windows', () => {
  const s = session({ gapMs });

  it('opens a new session [t, t + gap) when no session is near', () => {
    assert.deepEqual(s.merge([], 100), { window: { start: 100, end: 110 }, merged: [] });
    assert.deepEqual(s.merge([{ start: 0, end: 20 }], 100), { window: { start: 100, end: 110 }, merged: [] });
  });

  it('extends the session a record falls within its gap of', () => {
    const existing = { start: 0, end: 15 };
    assert.deepEqual(s.merge([existing], 14), { window: { start: 0, end: 24 }, merged: [existing] });
    assert.deepEqual(s.merge([existing], 3), { window: existing, merged: [existing] });
    // Before the session's first event, still within the gap: the session grows to the left.
    assert.deepEqual(s.merge([existing], -9), { window: { start: -9, end: 15 }, merged: [existing] });
  });

  it('splits on exactly a gap of silence (touching spans stay apart)', () => {
    assert.deepEqual(s.merge([{ start: 0, end: 15 }], 15).merged, []);
    assert.deepEqual(s.merge([{ start: 20, end: 30 }], 10).merged, []);
  });

  it('merges two sessions that a bridging record joins', () => {
    const first = { start: 0, end: 12 };
    const second = { start: 20, end: 35 };
    const other = { start: 100, end: 110 };
    assert.deepEqual(s.merge([other, second, first], 11), { window: { start: 0, end: 35 }, merged: [second, first] });
  });

  it('keeps sessions equal to a direct grouping of the sorted events, whatever the arrival order', () => {
    const rnd = seededRandom(3);
    for (let round = 0; round < 200; round++) {
      const times = Array.from({ length: rnd.int(1, 40) }, () => rnd.int(0, 400));
      let sessions: Window[] = [];
      for (const t of times) {
        const { window, merged } = s.merge(sessions, t);
        sessions = [...sessions.filter((x) => !merged.includes(x)), window];
      }
      const expected: Window[] = [];
      for (const t of [...times].sort((a, b) => a - b)) {
        const last = expected.at(-1);
        if (last !== undefined && t < last.end) expected[expected.length - 1] = { start: last.start, end: Math.max(last.end, t + gapMs) };
        else expected.push({ start: t, end: t + gapMs });
      }
      assert.deepEqual(sessions.sort((a, b) => a.start - b.start), expected, `seed ${rnd.seed} round ${round}: ${times.join(',')}`);
    }
  });

  it('rejects a gap that is not a positive whole number of milliseconds', () => {
    for (const bad of [0, -1, 0.5]) assert.throws(() => session({ gapMs: bad }), InvalidOptionError);
  });
});
