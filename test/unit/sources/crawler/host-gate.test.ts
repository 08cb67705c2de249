import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostGate } from '../../../../sources/crawler/host-gate.ts';

const soon = (): number => Date.now() + 5_000;

describe('HostGate', () => {
  it('lets at most maxConcurrency requests run on one host; the next starts when one releases', async () => {
    const gate = new HostGate({ maxConcurrency: 2, delayMs: 0 });
    const events: string[] = [];
    const first = await gate.acquire('shop.example', { notBefore: 0, deadline: soon() });
    const second = await gate.acquire('shop.example', { notBefore: 0, deadline: soon() });
    assert.ok(first !== null && second !== null);
    const third = gate.acquire('shop.example', { notBefore: 0, deadline: soon() }).then((release) => {
      events.push('third started');
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    events.push('first released');
    first();
    const release = await third;
    assert.ok(release !== null);
    assert.deepEqual(events, ['first released', 'third started']);
    second();
    release();
  });

  it('keeps hosts apart: a busy host does not hold back another', async () => {
    const gate = new HostGate({ maxConcurrency: 1, delayMs: 60_000 });
    const busy = await gate.acquire('a.example', { notBefore: 0, deadline: soon() });
    const other = await gate.acquire('b.example', { notBefore: 0, deadline: Date.now() });
    assert.ok(busy !== null && other !== null);
  });

  it('gives up (null) when the delay since the host\'s last start would push the start past the deadline', async () => {
    const gate = new HostGate({ maxConcurrency: 4, delayMs: 60_000 });
    const first = await gate.acquire('shop.example', { notBefore: 0, deadline: soon() });
    assert.ok(first !== null);
    first();
    assert.equal(await gate.acquire('shop.example', { notBefore: 0, deadline: Date.now() + 20 }), null);
  });

  it('uses a robots.txt Crawl-delay longer than its own delay', async () => {
    const gate = new HostGate({ maxConcurrency: 1, delayMs: 0 });
    const first = await gate.acquire('slow.example', { notBefore: 0, deadline: soon(), delayMs: 60_000 });
    assert.ok(first !== null);
    first();
    assert.equal(await gate.acquire('slow.example', { notBefore: 0, deadline: Date.now() + 20, delayMs: 60_000 }), null);
  });

  it('never starts a request before its backoff ends', async () => {
    const gate = new HostGate({ maxConcurrency: 1, delayMs: 0 });
    assert.equal(await gate.acquire('shop.example', { notBefore: Date.now() + 60_000, deadline: soon() }), null);
    const notBefore = Date.now() + 30;
    const release = await gate.acquire('shop.example', { notBefore, deadline: soon() });
    assert.ok(release !== null);
    assert.ok(Date.now() >= notBefore, 'started after its notBefore');
  });

  it('answers null at once to waiters when stopped', async () => {
    const gate = new HostGate({ maxConcurrency: 1, delayMs: 0 });
    const held = await gate.acquire('shop.example', { notBefore: 0, deadline: soon() });
    assert.ok(held !== null);
    const stop = new AbortController();
    const waiting = gate.acquire('shop.example', { notBefore: 0, deadline: Date.now() + 60_000, signal: stop.signal });
    stop.abort();
    assert.equal(await waiting, null);
    held();
  });

  it('counts a release once, however often it is called', async () => {
    const gate = new HostGate({ maxConcurrency: 1, delayMs: 0 });
    const first = await gate.acquire('shop.example', { notBefore: 0, deadline: soon() });
    assert.ok(first !== null);
    first();
    first();
    const second = await gate.acquire('shop.example', { notBefore: 0, deadline: soon() });
    assert.ok(second !== null);
    assert.equal(await gate.acquire('shop.example', { notBefore: 0, deadline: Date.now() + 20 }), null, 'the one slot is held');
    second();
  });

  it('holds a whole host off after it throttles, other hosts not', async () => {
    const gate = new HostGate({ maxConcurrency: 4, delayMs: 0 });
    gate.holdOff('busy.example', Date.now() + 60_000);
    assert.equal(await gate.acquire('busy.example', { notBefore: 0, deadline: Date.now() + 20 }), null);
    const other = await gate.acquire('calm.example', { notBefore: 0, deadline: Date.now() });
    assert.ok(other !== null);
  });
});
