import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import { InvalidOptionError } from '../../../errors/index.ts';
import { KeyValueStore } from '../../../runtime/key-value-store.ts';
import { emptyOutcomes, type Batch } from '../../../streams/batch.ts';
import { deduplicate, type DedupEntry } from '../../../streams/deduplicate.ts';
import { SOURCE_HEADERS } from '../../../streams/record-source.ts';
import type { StreamRecord } from '../../../streams/stream-record.ts';
import { seededRandom } from '../../support/seeded-random.ts';

interface Reading {
  readonly id: string;
  readonly offset: number;
  readonly at: number;
  readonly headers?: Record<string, Buffer>;
}

const WITHIN = 1_000;

const record = ({ id, offset, at, headers = {} }: Reading): StreamRecord<string> => ({
  key: id,
  value: id,
  timestamp: at,
  headers,
  origin: { topic: 'obs', partition: 0, offset: String(offset) },
  raw: { key: null, value: null },
});

const batchOf = (readings: readonly Reading[]): Batch<string> => ({ topic: 'obs', partition: 0, records: readings.map(record), ...emptyOutcomes(), progress: [] });

function dedup(store = new KeyValueStore<DedupEntry>('dedup')) {
  const op = deduplicate<string>({ step: 'dedup', store, keyOf: (r) => r.value, withinMs: WITHIN });
  return { store, run: (readings: readonly Reading[]) => firstValueFrom(of(batchOf(readings)).pipe(op)) };
}

/** The store as a restart finds it: rebuilt from what its changelog holds. */
function restored(store: KeyValueStore<DedupEntry>): KeyValueStore<DedupEntry> {
  const copy = new KeyValueStore<DedupEntry>(store.name);
  for (const [key, value] of store.entries()) copy.restore(key, JSON.parse(JSON.stringify(value)) as DedupEntry);
  return copy;
}

const offsetsOf = (batch: Batch<string>): number[] => batch.records.map((r) => Number(r.origin.offset));

describe('deduplicate', () => {
  it('drops a key seen within the bound as filtered, and lets it pass again once the bound has passed', async () => {
    const { run } = dedup();
    const out = await run([
      { id: 'a', offset: 0, at: 10_000 },
      { id: 'b', offset: 1, at: 10_100 },
      { id: 'a', offset: 2, at: 10_500 },
      { id: 'a', offset: 3, at: 11_500 }, // 1000 after the last sighting (10_500): still within
      { id: 'a', offset: 4, at: 12_501 },
    ]);
    assert.deepEqual(offsetsOf(out), [0, 1, 4]);
    assert.equal(out.filtered, 2);
    const next = await run([{ id: 'a', offset: 5, at: 12_900 }]);
    assert.deepEqual(offsetsOf(next), [], 'state carries over batches');
    assert.equal(next.filtered, 1);
  });

  it('catches duplicates arriving out of order, on either side of the first sighting', async () => {
    const { run } = dedup();
    const out = await run([
      { id: 'a', offset: 0, at: 50_000 },
      { id: 'a', offset: 1, at: 49_200 },
      { id: 'a', offset: 2, at: 48_000 }, // 2000 behind: not a duplicate, but must not pull the key back
      { id: 'a', offset: 3, at: 50_900 },
    ]);
    assert.deepEqual(offsetsOf(out), [0, 2]);
    assert.equal(out.filtered, 2);
  });

  it('adds its drops to the outcomes upstream steps already counted', async () => {
    const store = new KeyValueStore<DedupEntry>('dedup');
    const op = deduplicate<string>({ step: 'dedup', store, keyOf: (r) => r.value, withinMs: WITHIN });
    const input = { ...batchOf([{ id: 'a', offset: 0, at: 1_000 }, { id: 'a', offset: 1, at: 1_001 }]), filtered: 3 };
    const out = await firstValueFrom(of(input).pipe(op));
    assert.equal(out.filtered, 4);
    assert.equal(out.records.length + out.filtered - input.filtered, input.records.length);
  });

  it('expires keys that fall behind the highest event time, so the store stays bounded', async () => {
    const { store, run } = dedup();
    let largest = 0;
    for (let b = 0; b < 200; b++) {
      await run(Array.from({ length: 50 }, (_, i) => ({ id: `k${b}-${i}`, offset: b * 50 + i, at: b * 100 + i })));
      largest = Math.max(largest, [...store.entries()].filter(([, e]) => e.kind === 'seen').length);
    }
    // 10 batches of distinct keys fit in one bound; sweeping once per bound keeps at most two bounds and a batch.
    assert.ok(largest <= 50 * 21, `store grew to ${largest} keys`);
    assert.ok(store.size < 200 * 50);
  });

  it('judges a key by the bound even before a sweep removed it, so restarts do not change decisions', async () => {
    const { store, run } = dedup();
    await run([{ id: 'a', offset: 0, at: 10_000 }]);
    await run([{ id: 'b', offset: 1, at: 10_500 }]);
    await run([{ id: 'z', offset: 2, at: 10_900 }]);
    assert.notEqual(store.get('a'), undefined, 'no sweep since the first batch');
    // 'a' (10_000) is more than the bound behind 11_200: gone, though only the sweep after this batch removes it.
    const out = await run([{ id: 'x', offset: 3, at: 11_200 }, { id: 'a', offset: 4, at: 10_300 }]);
    assert.deepEqual(offsetsOf(out), [3, 4]);
    assert.equal(store.get('a')?.kind, 'seen', 'the passing record recorded the key anew');
  });

  it('replays a batch whose state was already saved exactly as it first ran', async () => {
    const { store, run } = dedup();
    await run([{ id: 'a', offset: 0, at: 10_000 }]);
    const batch: Reading[] = [
      { id: 'a', offset: 1, at: 10_100 }, // duplicate of offset 0
      { id: 'a', offset: 2, at: 11_000 }, // duplicate of offset 1's sighting, 1000 after offset 0
      { id: 'a', offset: 3, at: 11_900 }, // duplicate again: every sighting refreshes
      { id: 'b', offset: 4, at: 12_000 },
      { id: 'a', offset: 5, at: 13_000 }, // 1100 after the last sighting: passes
    ];
    const first = await run(batch);
    assert.deepEqual(offsetsOf(first), [4, 5]);
    // Crash after the changelog was flushed, before the offsets were committed: restart and fetch again.
    const replay = dedup(restored(store));
    const again = await replay.run(batch);
    assert.deepEqual(offsetsOf(again), offsetsOf(first));
    assert.equal(again.filtered, first.filtered);
    const next = await replay.run([{ id: 'b', offset: 6, at: 12_500 }, { id: 'c', offset: 7, at: 13_000 }]);
    assert.deepEqual(offsetsOf(next), [7], 'after the replay the state is as after the first run');
  });

  it('replays a batch fetched with other boundaries, part of it old and part new', async () => {
    const { store, run } = dedup();
    const stream: Reading[] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ id: i % 2 === 0 ? 'a' : 'b', offset: i, at: 1_000 + i * 300 }));
    const first = await run(stream.slice(0, 6));
    const replay = dedup(restored(store));
    const part = await replay.run(stream.slice(0, 3));
    const rest = await replay.run(stream.slice(3));
    assert.deepEqual([...offsetsOf(part), ...offsetsOf(rest)].filter((o) => o < 6), offsetsOf(first));
    const uninterrupted = dedup();
    const all = await uninterrupted.run(stream);
    assert.deepEqual([...offsetsOf(part), ...offsetsOf(rest)], offsetsOf(all));
  });

  it('lets the occurrence a key was recorded from pass again when an upstream replays it through a repartition topic', async () => {
    const { run } = dedup();
    const via = (offset: number, upstream: number, at: number): Reading => ({
      id: 'a',
      offset,
      at,
      headers: { [SOURCE_HEADERS.source]: Buffer.from('raw/2'), [SOURCE_HEADERS.offset]: Buffer.from(String(upstream)) },
    });
    assert.deepEqual(offsetsOf(await run([via(0, 40, 5_000)])), [0]);
    assert.deepEqual(offsetsOf(await run([via(1, 41, 5_010)])), []);
    assert.deepEqual(offsetsOf(await run([via(2, 50, 5_020), via(3, 51, 5_030)])), []);
    // The upstream task crashed before committing 40..41 and wrote them again: 40 is no duplicate of itself.
    const replayed = await run([via(4, 40, 5_000), via(5, 41, 5_010)]);
    assert.deepEqual(offsetsOf(replayed), [4]);
    assert.equal(replayed.filtered, 1);
  });

  it('gives the same outcome with or without crashes at random points, for random streams and batch sizes', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const stream: Reading[] = Array.from({ length: 300 }, (_, i) => ({
        id: `k${random.int(0, 12)}`,
        offset: i,
        at: 100_000 + i * 40 + random.int(-600, 600),
      }));
      const reference = dedup();
      const expected = offsetsOf(await reference.run(stream));

      const output = new Set<number>();
      let filtered = 0;
      let committed = 0;
      let store = new KeyValueStore<DedupEntry>('dedup');
      let task = dedup(store);
      while (committed < stream.length) {
        const batch = stream.slice(committed, committed + random.int(1, 40));
        const before = restored(store);
        const out = await task.run(batch);
        const crash = random.int(0, 5);
        if (crash === 0) {
          // Before the sink wrote: nothing of the batch is out, the store is as before it.
          store = before;
        } else {
          for (const o of offsetsOf(out)) output.add(o);
          // crash 1: after the changelog flush, before the commit; the batch comes again.
          store = restored(store);
          if (crash !== 1) {
            filtered += out.filtered;
            committed += batch.length;
          }
        }
        task = dedup(store);
      }
      assert.deepEqual([...output].sort((a, b) => a - b), expected, `seed ${seed}`);
      assert.equal(filtered, stream.length - expected.length, `seed ${seed}`);
    }
  });

  it('rejects a bound that is not a positive number of milliseconds', () => {
    const store = new KeyValueStore<DedupEntry>('dedup');
    assert.throws(() => deduplicate<string>({ step: 'dedup', store, keyOf: (r) => r.value, withinMs: 0 }), InvalidOptionError);
    assert.throws(() => deduplicate<string>({ step: 'dedup', store, keyOf: (r) => r.value, withinMs: 1.5 }), InvalidOptionError);
  });
});
