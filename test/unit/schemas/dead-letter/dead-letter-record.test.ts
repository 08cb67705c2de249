import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadLetterRecord } from '../../../../schemas/dead-letter/dead-letter-record.ts';
import { deadLetterOf } from '../../../../streams/batch.ts';
import type { StreamRecord } from '../../../../streams/stream-record.ts';

// Header names are spelled out here, not taken from DEAD_LETTER_HEADERS: they are a contract with
// whoever reads the dead-letter topics, and a renamed header must fail this test.

const poison: StreamRecord<unknown> = {
  key: 'ORD1',
  value: null,
  timestamp: 1_700_000_000_000,
  headers: { trace: Buffer.from('t1') },
  origin: { topic: 'orders', partition: 2, offset: '41' },
  raw: { key: Buffer.from('ORD1'), value: Buffer.from('{"not":"avro"}') },
};

describe('deadLetterRecord', () => {
  it("writes a runtime dead letter as the record's bytes, timestamp and headers, with reason and topic origin over them", () => {
    const d = deadLetterOf(poison, 'decode-orders', Object.assign(new Error('first byte is 0x7b'), { code: 'BAD_MAGIC_BYTE' }));
    const record = deadLetterRecord({ ...d.raw, headers: d.headers, timestamp: d.timestamp }, d, d.origin);
    assert.deepEqual(record, {
      key: Buffer.from('ORD1'),
      value: Buffer.from('{"not":"avro"}'),
      timestamp: 1_700_000_000_000,
      headers: {
        trace: Buffer.from('t1'),
        'shelfstream.error.code': 'BAD_MAGIC_BYTE',
        'shelfstream.error.message': 'first byte is 0x7b',
        'shelfstream.step': 'decode-orders',
        'shelfstream.origin.topic': 'orders',
        'shelfstream.origin.partition': '2',
        'shelfstream.origin.offset': '41',
      },
    });
  });

  it('writes a late record with the window it missed and the watermark that closed it', () => {
    const record = deadLetterRecord(
      { ...poison.raw, headers: poison.headers, timestamp: poison.timestamp },
      { code: 'LATE_RECORD', message: 'window closed', step: 'revenue', window: { start: 60_000, end: 120_000, watermark: 185_000 } },
      poison.origin,
    );
    const names = ['shelfstream.error.code', 'shelfstream.window.start', 'shelfstream.window.end', 'shelfstream.watermark', 'shelfstream.origin.offset'];
    assert.deepEqual(names.map((h) => record.headers?.[h]), ['LATE_RECORD', '60000', '120000', '185000', '41']);
  });

  it('writes a row of a file with its line, kind and field, stamped when it failed', () => {
    const before = Date.now();
    const record = deadLetterRecord(
      { key: null, value: Buffer.from('ORD9,,x') },
      { code: 'ROW_INVALID', message: 'UnitPrice is empty', step: 'replay-csv', field: 'UnitPrice' },
      { file: 'sales.csv', line: 12, kind: 'sales' },
    );
    assert.deepEqual(Object.entries(record.headers ?? {}).sort(), [
      ['shelfstream.error.code', 'ROW_INVALID'],
      ['shelfstream.error.field', 'UnitPrice'],
      ['shelfstream.error.message', 'UnitPrice is empty'],
      ['shelfstream.source.file', 'sales.csv'],
      ['shelfstream.source.kind', 'sales'],
      ['shelfstream.source.line', '12'],
      ['shelfstream.step', 'replay-csv'],
    ]);
    assert.ok((record.timestamp ?? 0) >= before);
  });

  it('writes a fetched page with its URL, item index, job, raw key and attempts, leaving out a null field', () => {
    const record = deadLetterRecord(
      { key: Buffer.from('k'), value: Buffer.alloc(0) },
      { code: 'CRAWL_GAVE_UP', message: 'throttled', step: 'crawler', attempts: 4, field: null },
      { url: 'http://shop/dp/B1', index: 3, job: 'nightly', rawKey: 'raw/B1.html.gz' },
    );
    assert.deepEqual(record.value, Buffer.alloc(0), 'an empty value stays empty bytes, not a tombstone');
    assert.deepEqual(Object.entries(record.headers ?? {}).sort(), [
      ['shelfstream.crawl.job', 'nightly'],
      ['shelfstream.error.attempts', '4'],
      ['shelfstream.error.code', 'CRAWL_GAVE_UP'],
      ['shelfstream.error.message', 'throttled'],
      ['shelfstream.source.index', '3'],
      ['shelfstream.source.raw-key', 'raw/B1.html.gz'],
      ['shelfstream.source.url', 'http://shop/dp/B1'],
      ['shelfstream.step', 'crawler'],
    ]);
  });
});
