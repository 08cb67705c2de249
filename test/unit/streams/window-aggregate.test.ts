import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import { KeyValueStore } from '../../../runtime/key-value-store.ts';
import { count, sum, composite } from '../../../streams/aggregations/index.ts';
import { emptyOutcomes, type Batch, type SourceProgress } from '../../../streams/batch.ts';
import type { StreamRecord } from '../../../streams/stream-record.ts';
import { windowAggregate, type WatermarkEntry, type WindowEntry, type WindowResult } from '../../../streams/window-aggregate.ts';
import { END_OF_INPUT, hopping, session, tumbling, type SessionAssigner, type WindowAssigner } from '../../../streams/windows/index.ts';

interface Sale {
  group: string;
  amount: number;
}

const measures = composite<StreamRecord<Sale>>()({ n: { of: count() }, total: { of: sum(), value: (r) => r.value.amount } });

function record(offset: number, timestamp: number, value: Sale, partition = 0): StreamRecord<Sale> {
  return { key: null, value, timestamp, headers: {}, origin: { topic: 'in', partition, offset: String(offset) }, raw: { key: null, value: null } };
}

function batch(records: StreamRecord<Sale>[], progress: SourceProgress[] = []): Batch<Sale> {
  return { topic: 'in', partition: 0, records, ...emptyOutcomes(), progress };
}

type Step = Parameters<typeof windowAggregate<Sale, unknown, unknown>>[0];

function operator(
  store: KeyValueStore<WindowEntry | WatermarkEntry>,
  sources = ['in/0'],
  windows: WindowAssigner | SessionAssigner = tumbling({ sizeMs: 1000 }),
  overrides: Partial<Pick<Step, 'earlyEveryMs' | 'now'>> = {},
) {
  return windowAggregate({
    step: 'sales',
    store,
    groupBy: (r) => r.value.group,
    windows,
    accumulator: measures,
    maxOutOfOrderMs: 100,
    graceMs: 200,
    sources,
    idleTimeoutMs: 60_000,
    now: () => 0,
    ...overrides,
  });
}

/** A copy of a store as the next owner restores it from the changelog (JSON, as the changelog holds it). */
function restored(store: KeyValueStore<WindowEntry | WatermarkEntry>): KeyValueStore<WindowEntry | WatermarkEntry> {
  const copy = new KeyValueStore<WindowEntry | WatermarkEntry>(store.name);
  for (const [key, value] of store.entries()) copy.restore(key, JSON.parse(JSON.stringify(value)) as WindowEntry | WatermarkEntry);
  return copy;
}

const resultsOf = (b: Batch<WindowResult<unknown>>) => b.records.map((r) => [r.key, r.value.result, r.value.final]);

const run = (store: KeyValueStore<WindowEntry | WatermarkEntry>, b: Batch<Sale>, sources?: string[], windows?: WindowAssigner | SessionAssigner) =>
  firstValueFrom(of(b).pipe(operator(store, sources, windows)));

describe('windowAggregate', () => {
  it('emits a window once the watermark passes its end plus grace, and only then', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    const first = await run(store, batch([record(0, 100, { group: 'a', amount: 5 }), record(1, 900, { group: 'a', amount: 7 }), record(2, 1250, { group: 'a', amount: 1 })]));
    assert.deepEqual(first.records, []);
    // 1300 - 100 (out of order) = 1200 = end 1000 + grace 200: the first window closes.
    const second = await run(store, batch([record(3, 1300, { group: 'b', amount: 2 })]));
    assert.deepEqual(second.records.map((r) => [r.key, r.value.result, r.value.final]), [['a|0', { n: 2, total: 12 }, true]]);
  });

  it('counts a record out of order within grace, and sends one past grace to the late outputs', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    await run(store, batch([record(0, 500, { group: 'a', amount: 1 }), record(1, 1150, { group: 'a', amount: 1 })]));
    const inGrace = await run(store, batch([record(2, 990, { group: 'a', amount: 10 })]));
    assert.equal(inGrace.late.length, 0);
    const closing = await run(store, batch([record(3, 1400, { group: 'a', amount: 1 })]));
    assert.deepEqual(closing.records.map((r) => r.value.result), [{ n: 2, total: 11 }]);
    const late = await run(store, batch([record(4, 999, { group: 'a', amount: 100 })]));
    assert.deepEqual(late.late.map((l) => [l.record.origin.offset, l.windowStart, l.windowEnd, l.watermark]), [['4', 0, 1000, 1300]]);
    assert.deepEqual(late.records, []);
  });

  it('changes nothing when a batch is replayed after its state was restored', async () => {
    const original = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    const input = batch([record(0, 100, { group: 'a', amount: 5 }), record(1, 200, { group: 'a', amount: 7 })]);
    await run(original, input);
    const restored = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    for (const [key, value] of original.entries()) restored.restore(key, JSON.parse(JSON.stringify(value)) as WindowEntry | WatermarkEntry);
    await run(restored, input);
    const closing = await run(restored, batch([record(2, 2000, { group: 'b', amount: 1 })]));
    assert.deepEqual(closing.records.map((r) => r.value.result), [{ n: 2, total: 12 }]);
  });

  it('skips a replay whose windows were closed and forgotten long ago, rather than calling it late', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    const input = batch([record(0, 100, { group: 'a', amount: 5 }), record(1, 500, { group: 'a', amount: 7 })]);
    await run(store, input);
    const closing = await run(store, batch([record(2, 3500, { group: 'b', amount: 1 })]));
    assert.deepEqual(resultsOf(closing), [['a|0', { n: 2, total: 12 }, true]]);
    // Far enough past its close that the window is forgotten.
    await run(store, batch([record(3, 3600, { group: 'b', amount: 1 })]));
    assert.equal(store.get('a\u00000'), undefined);

    const next = restored(store);
    const replayed = await run(next, input);
    assert.deepEqual({ late: replayed.late.length, results: resultsOf(replayed) }, { late: 0, results: [] });
    const news = await run(next, batch([record(4, 150, { group: 'a', amount: 1 })]));
    assert.deepEqual(news.late.map((l) => l.record.origin.offset), ['4'], 'a record not seen before is still late');
  });

  it('waits for every upstream source, applying progress where it stood among the records', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    const twoSources = ['up/0', 'up/1'];
    const fromUp = (offset: number, ts: number, source: string): StreamRecord<Sale> => ({
      ...record(offset, ts, { group: 'a', amount: 1 }),
      headers: { 'shelfstream.source': Buffer.from(source), 'shelfstream.source.offset': Buffer.from(String(offset)) },
    });
    // up/0 races ahead to 5000 and says so; up/1's record at 300, after it, must still count.
    const out = await run(store, batch([fromUp(0, 100, 'up/0'), fromUp(2, 300, 'up/1')], [{ source: 'up/0', eventTime: 5000, offset: 1n }]), twoSources);
    assert.equal(out.late.length, 0);
    const closing = await run(store, batch([], [{ source: 'up/1', eventTime: 5000, offset: 3n }]), twoSources);
    assert.deepEqual(closing.records.map((r) => r.value.result), [{ n: 2, total: 2 }]);
  });

  it('sends a record to the late outputs when its window already closed while its source was idle', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    let clock = 0;
    const step = windowAggregate({
      step: 'sales',
      store,
      groupBy: (r: StreamRecord<Sale>) => r.value.group,
      windows: tumbling({ sizeMs: 1000 }),
      accumulator: measures,
      maxOutOfOrderMs: 100,
      graceMs: 200,
      sources: ['up/0', 'up/1'],
      idleTimeoutMs: 1000,
      now: () => clock,
    });
    const fromUp = (offset: number, ts: number, source: string): StreamRecord<Sale> => ({
      ...record(offset, ts, { group: 'a', amount: 1 }),
      headers: { 'shelfstream.source': Buffer.from(source), 'shelfstream.source.offset': Buffer.from(String(offset)) },
    });
    const through = (b: Batch<Sale>) => firstValueFrom(of(b).pipe(step));
    await through(batch([fromUp(0, 100, 'up/0'), fromUp(0, 100, 'up/1')]));
    clock = 5000;
    // up/1 is idle: up/0 alone moves the watermark past the first window, which closes.
    const closing = await through(batch([fromUp(1, 1400, 'up/0')]));
    assert.deepEqual(closing.records.map((r) => [r.key, r.value.result, r.value.final]), [['a|0', { n: 2, total: 2 }, true]]);
    // up/1 wakes with records of that window: once it counts as active again, its low high mark
    // takes the watermark back and the closed window looks open.
    const woken = await through(batch([fromUp(1, 150, 'up/1'), fromUp(2, 160, 'up/1')]));
    assert.deepEqual(woken.late.map((l) => [l.record.origin.offset, l.windowStart, l.windowEnd]), [['1', 0, 1000], ['2', 0, 1000]]);
    assert.deepEqual(woken.records, []);
  });

  it('puts a record in every hopping window it falls in', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    const windows = hopping({ sizeMs: 1000, advanceMs: 500 });
    await run(store, batch([record(0, 700, { group: 'a', amount: 3 }), record(1, 1100, { group: 'a', amount: 4 })]), undefined, windows);
    const out = await run(store, batch([record(2, 5000, { group: 'z', amount: 0 })]), undefined, windows);
    assert.deepEqual(
      out.records.map((r) => [r.value.window.start, r.value.result]).sort((a, b) => Number(a[0]) - Number(b[0])),
      [[0, { n: 1, total: 3 }], [500, { n: 2, total: 7 }], [1000, { n: 1, total: 4 }]],
    );
  });

  it('counts a hopping record while one of its windows is open, and sends it late once all closed', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    const windows = hopping({ sizeMs: 1000, advanceMs: 500 });
    await run(store, batch([record(0, 1350, { group: 'a', amount: 1 })]), undefined, windows);
    // Watermark 1250: of 700's windows, [0, 1000) has closed and [500, 1500) is open.
    const halfOpen = await run(store, batch([record(1, 700, { group: 'a', amount: 2 })]), undefined, windows);
    assert.deepEqual(halfOpen.late, []);
    const closing = await run(store, batch([record(2, 2000, { group: 'z', amount: 0 })]), undefined, windows);
    assert.deepEqual(closing.records.map((r) => [r.key, r.value.result]), [['a|500', { n: 2, total: 3 }]]);
    const late = await run(store, batch([record(3, 600, { group: 'a', amount: 4 })]), undefined, windows);
    assert.deepEqual(late.late.map((l) => [l.windowStart, l.windowEnd, l.watermark]), [[500, 1500, 1900]]);
  });

  it('counts a record whose own span closed when it joins a session still open', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    const windows = session({ gapMs: 1000 });
    const open = [0, 900, 1800].map((ts, i) => record(i, ts, { group: 'a', amount: 1 }));
    await run(store, batch([...open, record(3, 2500, { group: 'z', amount: 0 })]), undefined, windows);
    // Watermark 2400: [100, 1100) alone closed at 1300, but the session [0, 2800) holds it until 3000.
    const joined = await run(store, batch([record(4, 100, { group: 'a', amount: 5 })]), undefined, windows);
    assert.deepEqual(joined.late, []);
    const out = await run(store, batch([record(5, 10_000, { group: 'z', amount: 0 })]), undefined, windows);
    assert.deepEqual(
      out.records.filter((r) => r.value.group === 'a').map((r) => [r.value.window, r.value.result]),
      [[{ start: 0, end: 2800 }, { n: 4, total: 8 }]],
    );
  });

  it('merges sessions a record bridges, and emits the merged session once it closes', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    const windows = session({ gapMs: 1000 });
    // Two sessions, [0, 1000) and [1150, 2150); the watermark (1050) has closed neither.
    await run(store, batch([record(0, 0, { group: 'a', amount: 1 }), record(1, 1150, { group: 'a', amount: 2 })]), undefined, windows);
    await run(store, batch([record(2, 950, { group: 'a', amount: 4 })]), undefined, windows);
    const out = await run(store, batch([record(3, 5000, { group: 'z', amount: 0 })]), undefined, windows);
    assert.deepEqual(out.records.map((r) => [r.value.window, r.value.result]), [[{ start: 0, end: 2150 }, { n: 3, total: 7 }]]);
  });

  it('sends early results of every window changed since the last early result, not only of the last batch', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    let clock = 0;
    const step = operator(store, undefined, undefined, { earlyEveryMs: 1000, now: () => clock });
    const through = (b: Batch<Sale>) => firstValueFrom(of(b).pipe(step));
    assert.deepEqual(resultsOf(await through(batch([record(0, 100, { group: 'a', amount: 1 })]))), []);
    clock = 500;
    assert.deepEqual(resultsOf(await through(batch([record(1, 150, { group: 'b', amount: 2 })]))), []);
    clock = 1000;
    // The timer fires in a batch that changed c only: a and b changed since the last early result too.
    const early = await through(batch([record(2, 200, { group: 'c', amount: 3 })]));
    assert.deepEqual(resultsOf(early), [['a|0', { n: 1, total: 1 }, false], ['b|0', { n: 1, total: 2 }, false], ['c|0', { n: 1, total: 3 }, false]]);
    clock = 2000;
    // Reported windows that did not change since are not sent again.
    const next = await through(batch([record(3, 300, { group: 'a', amount: 4 })]));
    assert.deepEqual(resultsOf(next), [['a|0', { n: 2, total: 5 }, false]]);
  });

  it('still owes the early results of windows changed before a restart', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    await run(store, batch([record(0, 100, { group: 'a', amount: 1 }), record(1, 150, { group: 'b', amount: 2 })]));
    let clock = 0;
    const next = operator(restored(store), undefined, undefined, { earlyEveryMs: 1000, now: () => clock });
    clock = 1000;
    const early = await firstValueFrom(of(batch([])).pipe(next));
    assert.deepEqual(resultsOf(early), [['a|0', { n: 1, total: 1 }, false], ['b|0', { n: 1, total: 2 }, false]]);
  });

  it('closes every window once every source announced the end of its input, and a replay adds nothing', async () => {
    const store = new KeyValueStore<WindowEntry | WatermarkEntry>('sales');
    const twoSources = ['up/0', 'up/1'];
    const fromUp = (offset: number, ts: number, group: string, source: string): StreamRecord<Sale> => ({
      ...record(offset, ts, { group, amount: offset + 1 }),
      headers: { 'shelfstream.source': Buffer.from(source), 'shelfstream.source.offset': Buffer.from(String(offset)) },
    });
    const input = batch(
      [fromUp(0, 100, 'a', 'up/0'), fromUp(1, 5000, 'b', 'up/0'), fromUp(0, 9000, 'a', 'up/1')],
      [{ source: 'up/0', eventTime: END_OF_INPUT, offset: 2n }],
    );
    // up/0 is done, up/1 (at 9000) now alone holds the watermark: windows up to [7000, 8000) close.
    const first = await run(store, input, twoSources);
    assert.deepEqual(resultsOf(first), [['a|0', { n: 1, total: 1 }, true], ['b|5000', { n: 1, total: 2 }, true]]);
    const next = restored(store);
    const ended = await run(next, batch([], [{ source: 'up/1', eventTime: END_OF_INPUT, offset: 3n }]), twoSources);
    assert.deepEqual(resultsOf(ended), [['a|9000', { n: 1, total: 1 }, true]]);
    assert.equal(ended.watermark, END_OF_INPUT);
    await run(next, batch([]), twoSources);
    const replayed = await run(next, input, twoSources);
    assert.deepEqual([replayed.records, replayed.late], [[], []]);
  });
});
