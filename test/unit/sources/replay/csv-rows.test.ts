import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { readCsvRows, type CsvRecord, type CsvUnreadable } from '../../../../sources/replay/csv-rows.ts';
import { repoPath } from '../../../support/repo-path.ts';

/** All items of a CSV text, fed in chunks of `chunk` bytes so records straddle chunk boundaries. */
async function rowsOf(text: string, chunk = 3, maxRecordBytes?: number): Promise<(CsvRecord | CsvUnreadable)[]> {
  const bytes = Buffer.from(text);
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk));
  const items: (CsvRecord | CsvUnreadable)[] = [];
  for await (const item of readCsvRows(Readable.from(chunks), maxRecordBytes === undefined ? {} : { maxRecordBytes })) items.push(item);
  return items;
}

const summary = (items: readonly (CsvRecord | CsvUnreadable)[]) =>
  items.map((i) => (i.kind === 'record' ? { line: i.line, fields: i.fields, raw: i.raw } : { line: i.line, unreadable: i.raw }));

describe('readCsvRows', () => {
  it('drops a BOM and keeps commas and newlines inside quoted fields, counting physical lines', async () => {
    const text = '\ufeffa,b,c\n1,"x, y",3\n2,"multi\nline\nfield",4\n5,"say ""hi""",6\n';
    assert.deepEqual(summary(await rowsOf(text)), [
      { line: 1, fields: ['a', 'b', 'c'], raw: 'a,b,c' },
      { line: 2, fields: ['1', 'x, y', '3'], raw: '1,"x, y",3' },
      { line: 3, fields: ['2', 'multi\nline\nfield', '4'], raw: '2,"multi\nline\nfield",4' },
      { line: 6, fields: ['5', 'say "hi"', '6'], raw: '5,"say ""hi""",6' },
    ]);
  });

  it('counts a CRLF inside quotes as one line break, as an editor shows it', async () => {
    const text = 'a,b\r\n1,"x\r\ny\r\nz"\r\n2,3\r\n';
    const items = await rowsOf(text, 1);
    assert.deepEqual(summary(items), [
      { line: 1, fields: ['a', 'b'], raw: 'a,b' },
      { line: 2, fields: ['1', 'x\r\ny\r\nz'], raw: '1,"x\r\ny\r\nz"' },
      { line: 5, fields: ['2', '3'], raw: '2,3' },
    ]);
  });

  it('skips empty lines but counts them, and keeps rows with any number of fields for the caller to judge', async () => {
    const text = 'a,b\n\n1,2\n   \n3\n4,5,6\n,\n7,8';
    assert.deepEqual(
      summary(await rowsOf(text)).map((r) => ('fields' in r ? [r.line, r.fields.length] : r)),
      [[1, 2], [3, 2], [5, 1], [6, 3], [7, 2], [8, 2]],
    );
  });

  it('takes quotes inside unquoted fields literally', async () => {
    const items = await rowsOf('a,b\n12" pizza,"ok"\n"bad" quote,x\n');
    assert.deepEqual(items.map((i) => (i.kind === 'record' ? i.fields : [])), [['a', 'b'], ['12" pizza', 'ok'], ['"bad" quote', 'x']]);
  });

  it('reports a quote that is never closed as unreadable from the line it starts on', async () => {
    const items = await rowsOf('a,b\n1,2\n3,"never closed\n4,5\n6,7\n');
    assert.deepEqual(summary(items).at(-1), { line: 3, unreadable: '3,"never closed\n4,5\n6,7\n' });
    assert.equal(items.length, 3);
  });

  it('stops at a record larger than the limit instead of filling memory', async () => {
    const items = await rowsOf(`a,b\n1,"${'x'.repeat(500)}\n2,3\n`, 64, 100);
    const last = items.at(-1);
    assert.equal(last?.kind, 'unreadable');
    assert.equal(last.line, 2);
    assert.ok(last.raw.startsWith(`1,"xxx`) && last.raw.length < 200, `${last.raw.length} bytes kept`);
  });

  it('reads a real CRLF product file whatever the chunk size, one line per record', async () => {
    const file = repoPath('..', 'shared', 'data', 'amazon-products-in-2023', 'Air Conditioners.csv');
    for (const highWaterMark of [1, 5, 64 * 1024]) {
      const lines: number[] = [];
      let bytes = 0;
      for await (const item of readCsvRows(createReadStream(file, { highWaterMark }))) {
        assert.equal(item.kind, 'record');
        lines.push(item.line);
        bytes = item.bytes;
        assert.ok(!item.raw.endsWith('\r'), `line ${item.line} keeps its terminator`);
        assert.equal(item.fields.length, 9);
      }
      assert.deepEqual(lines, Array.from({ length: 101 }, (_, i) => i + 1), `chunks of ${highWaterMark}`);
      assert.ok(bytes > 0);
    }
  });
});
