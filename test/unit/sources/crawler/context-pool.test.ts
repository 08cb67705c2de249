import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContextPool } from '../../../../sources/crawler/context-pool.ts';

class FakeContext {
  closed = false;
  constructor(readonly id: number) {}
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

function pool(size: number, pagesPerContext: number): { pool: ContextPool<FakeContext>; contexts: FakeContext[] } {
  const contexts: FakeContext[] = [];
  const open = (): Promise<FakeContext> => {
    const context = new FakeContext(contexts.length + 1);
    contexts.push(context);
    return Promise.resolve(context);
  };
  return { pool: new ContextPool(open, { size, pagesPerContext }), contexts };
}

describe('ContextPool', () => {
  it('lends at most `size` contexts; a waiter gets the next one released', async () => {
    const { pool: p, contexts } = pool(2, 100);
    const a = await p.acquire();
    const b = await p.acquire();
    let third: number | undefined;
    const waiting = p.acquire().then((lease) => {
      third = lease.context.id;
      return lease;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(third, undefined, 'no third context while two are lent');
    a.release();
    const c = await waiting;
    assert.equal(c.context, a.context, 'the released context is lent again');
    assert.equal(contexts.length, 2);
    b.release();
    c.release();
  });

  it('replaces a context once it has served its pages, closing the old one', async () => {
    const { pool: p, contexts } = pool(1, 3);
    for (let page = 0; page < 7; page++) (await p.acquire()).release();
    assert.equal(contexts.length, 3, 'pages 1-3, 4-6, 7');
    assert.deepEqual(contexts.map((c) => c.closed), [true, true, false]);
    assert.equal(p.opened, 3);
  });

  it('counts a lease once however often it is released', async () => {
    const { pool: p, contexts } = pool(1, 2);
    const lease = await p.acquire();
    lease.release();
    lease.release();
    (await p.acquire()).release();
    assert.equal(contexts.length, 1, 'two pages served by the first context');
  });

  it('closes every open context', async () => {
    const { pool: p, contexts } = pool(3, 10);
    const leases = await Promise.all([p.acquire(), p.acquire()]);
    for (const lease of leases) lease.release();
    await p.close();
    assert.deepEqual(contexts.map((c) => c.closed), [true, true]);
    await assert.rejects(p.acquire());
  });

  it('frees the slot when opening a context fails', async () => {
    let fail = true;
    const p = new ContextPool(() => (fail ? Promise.reject(new Error('browser gone')) : Promise.resolve(new FakeContext(1))), { size: 1, pagesPerContext: 5 });
    await assert.rejects(p.acquire(), /browser gone/);
    fail = false;
    const lease = await p.acquire();
    assert.equal(lease.context.id, 1);
  });
});
