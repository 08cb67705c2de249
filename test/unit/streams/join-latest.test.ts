import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import { LatestValueTable } from '../../../runtime/latest-value-table.ts';
import { emptyOutcomes, type Batch, type DeadLetter } from '../../../streams/batch.ts';
import { joinLatest } from '../../../streams/join-latest.ts';
import type { StreamRecord } from '../../../streams/stream-record.ts';

interface Observation {
  readonly asin: string;
  readonly price: number;
}

interface Product {
  readonly title: string;
}

const observation = (asin: string | null, offset: number, price = 100): StreamRecord<Observation> => ({
  key: asin,
  value: { asin: asin ?? '', price },
  timestamp: 1_000 + offset,
  headers: { trace: Buffer.from(`t${offset}`) },
  origin: { topic: 'observations', partition: 1, offset: String(offset) },
  raw: { key: asin === null ? null : Buffer.from(asin), value: Buffer.from(`raw${offset}`) },
});

const batchOf = (records: StreamRecord<Observation>[]): Batch<Observation> => ({
  topic: 'observations',
  partition: 1,
  records,
  ...emptyOutcomes(),
  progress: [],
});

const catalog = LatestValueTable.fromEntries<Product>(
  [
    ['B001', { title: 'kettle' }],
    ['B002', { title: 'toaster' }],
  ],
  'catalog',
);

const input = batchOf([observation('B001', 10), observation('B404', 11), observation('B002', 12, 250), observation(null, 13)]);

describe('joinLatest', () => {
  it("joins each record with the table's value for its key, keeping key, time and origin", async () => {
    const op = joinLatest<Observation, Product, string>({
      step: 'join-catalog',
      table: catalog,
      keyOf: (r) => r.key,
      join: (obs, product) => `${product.title}@${obs.price}`,
      onMissing: 'filter',
    });
    const out = await firstValueFrom(of(input).pipe(op));
    assert.deepEqual(out.records.map((r) => r.value), ['kettle@100', 'toaster@250']);
    assert.deepEqual(out.records.map((r) => [r.key, r.timestamp, r.origin.offset]), [['B001', 1_010, '10'], ['B002', 1_012, '12']]);
    assert.equal(out.filtered, 2);
  });

  it('dead-letters a record without a table entry by default, with JOIN_MISSING and its original bytes', async () => {
    const op = joinLatest<Observation, Product, string>({ step: 'join-catalog', table: catalog, keyOf: (r) => r.key, join: (_, p) => p.title });
    const upstream: DeadLetter = { ...observation('B000', 9), step: 'decode', code: 'BAD_AVRO_BODY', message: 'garbage' };
    const out = await firstValueFrom(of({ ...input, deadLetters: [upstream], filtered: 1 }).pipe(op));
    assert.deepEqual(out.records.map((r) => r.value), ['kettle', 'toaster']);
    assert.equal(out.filtered, 1, 'upstream outcomes are kept');
    assert.deepEqual(out.deadLetters.map((d) => [d.step, d.code, d.origin.offset]), [
      ['decode', 'BAD_AVRO_BODY', '9'],
      ['join-catalog', 'JOIN_MISSING', '11'],
      ['join-catalog', 'JOIN_MISSING', '13'],
    ]);
    const missing = out.deadLetters[1];
    assert.ok(missing);
    assert.equal(missing.message, "no entry for key 'B404' in catalog");
    assert.deepEqual(missing.raw, { key: Buffer.from('B404'), value: Buffer.from('raw11') });
    assert.deepEqual(missing.headers, { trace: Buffer.from('t11') });
    assert.equal(out.deadLetters[2]?.message, 'record has no key to look up in catalog');
    assert.equal(out.records.length + out.deadLetters.length + out.filtered, input.records.length + 2);
  });

  it('passes a record without a table entry joined with null when asked to (a left join)', async () => {
    const op = joinLatest<Observation, Product, string>({
      step: 'join-catalog',
      table: catalog,
      keyOf: (r) => r.value.asin,
      join: (obs, product) => product?.title ?? `unknown ${obs.asin}`,
      onMissing: 'pass',
    });
    const out = await firstValueFrom(of(input).pipe(op));
    assert.deepEqual(out.records.map((r) => r.value), ['kettle', 'unknown B404', 'toaster', 'unknown ']);
    assert.equal(out.filtered, 0);
    assert.equal(out.deadLetters.length, 0);
  });

  it('reads the table when each batch is processed, so later batches see updates', async () => {
    const values = new Map<string, Product>([['B001', { title: 'kettle' }]]);
    const op = joinLatest<Observation, Product, string>({
      step: 'join-catalog',
      table: { name: 'live', get: (key) => values.get(key) },
      keyOf: (r) => r.key,
      join: (_, p) => p.title,
    });
    const first = await firstValueFrom(of(batchOf([observation('B001', 1)])).pipe(op));
    values.set('B001', { title: 'steel kettle' });
    const second = await firstValueFrom(of(batchOf([observation('B001', 2)])).pipe(op));
    assert.deepEqual([...first.records, ...second.records].map((r) => r.value), ['kettle', 'steel kettle']);
  });
});
