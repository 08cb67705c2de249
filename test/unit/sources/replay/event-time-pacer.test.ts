import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidOptionError } from '../../../../errors/index.ts';
import { EventTimePacer } from '../../../../sources/replay/event-time-pacer.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('EventTimePacer', () => {
  it('at speed 60 replays an hour of event time in a minute of wall time', () => {
    const pacer = new EventTimePacer(60);
    assert.equal(pacer.delayFor(10 * HOUR, 1_000), 0);
    assert.equal(pacer.delayFor(10 * HOUR + HOUR / 2, 1_000), MINUTE / 2);
    assert.equal(pacer.delayFor(11 * HOUR, 1_000 + MINUTE / 2), MINUTE / 2);
    assert.equal(pacer.delayFor(11 * HOUR, 1_000 + MINUTE), 0);
  });

  it('lets a record older than its predecessors out at once, without rewinding the clock', () => {
    const pacer = new EventTimePacer(2);
    pacer.delayFor(0, 0);
    assert.equal(pacer.delayFor(10_000, 0), 5_000);
    assert.equal(pacer.delayFor(2_000, 5_000), 0);
    assert.equal(pacer.delayFor(12_000, 5_000), 1_000);
  });

  it('never waits at max speed, and refuses speeds that are not positive', () => {
    const pacer = new EventTimePacer('max');
    assert.equal(pacer.delayFor(0, 0), 0);
    assert.equal(pacer.delayFor(365 * 24 * HOUR, 0), 0);
    for (const speed of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) assert.throws(() => new EventTimePacer(speed), InvalidOptionError);
  });
});
