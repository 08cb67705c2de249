import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { extraValues, readCsvHeader, rowValues, type CsvHeader } from '../../../../sources/replay/csv-header.ts';
import { readCsvRows, type CsvRecord } from '../../../../sources/replay/csv-rows.ts';
import { extraColumnsHeaders, readExtraColumns } from '../../../../sources/replay/extra-columns.ts';
import { SALES_COLUMNS, type SalesColumn } from '../../../../sources/replay/sales-csv-format.ts';
import { parseSalesRow } from '../../../../sources/replay/sales-row.ts';

/** A sales export as pandas writes it with its index (empty header), plus a vendor field the loader does not know. */
const PANDAS_SALES = [
  `,${SALES_COLUMNS.join(',')},Fulfilment Channel`,
  '0,ORD0000001,2024-01-02,CUST000001,Jane,P00001,Mug,Home & Kitchen,Acme,2,10.00,0.1,1.00,0.50,19.50,UPI,Shipped,Austin,TX,India,SELL00001,FBA',
  '1,ORD0000002,2024-01-03,CUST000002,Joe,P00002,Pen,Books,Acme,1,1.00,0.0,0.0,0.0,1.00,Credit Card,Delivered,Austin,TX,India,SELL00002, Merchant ',
].join('\n');

async function records(text: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const item of readCsvRows(Readable.from([text]))) if (item.kind === 'record') out.push(item);
  return out;
}

describe('unknown CSV columns', () => {
  it('are listed as extras by name: an empty name as pandas reads it back (Unnamed: <index>), a repeated name with a suffix', () => {
    const header = readCsvHeader(['', 'name', 'Vendor SKU', 'link', ' ', 'Vendor SKU', 'name'], ['name', 'link'], 'p.csv', 'products');
    assert.deepEqual(header.positions, { name: 1, link: 3 });
    assert.deepEqual(header.extras, [
      { name: 'Unnamed: 0', at: 0 },
      { name: 'Vendor SKU', at: 2 },
      { name: 'Unnamed: 4', at: 4 },
      { name: 'Vendor SKU.1', at: 5 },
      { name: 'name.1', at: 6 },
    ]);
    assert.deepEqual(readCsvHeader(['name', 'link'], ['name', 'link'], 'p.csv', 'products').extras, []);
  });

  it('leave a pandas export loading: every row parses as before, and its unknown values are kept by column name', async () => {
    const [head, ...rows] = await records(PANDAS_SALES);
    assert.ok(head !== undefined);
    const header: CsvHeader<SalesColumn> = readCsvHeader(head.fields, SALES_COLUMNS, 's.csv', 'sales');
    assert.deepEqual(header.extras.map((e) => e.name), ['Unnamed: 0', 'Fulfilment Channel']);
    const parsed = rows.map((r) => ({
      order: parseSalesRow(rowValues(header, r), { file: 's.csv', line: r.line }),
      extras: extraValues(header, r),
    }));
    assert.deepEqual(parsed.map((p) => [p.order.order_id, p.order.total_amount_minor, p.order.seller_id]), [
      ['ORD0000001', 1950, 'SELL00001'],
      ['ORD0000002', 100, 'SELL00002'],
    ]);
    assert.deepEqual(parsed.map((p) => p.extras), [
      { 'Unnamed: 0': '0', 'Fulfilment Channel': 'FBA' },
      { 'Unnamed: 0': '1', 'Fulfilment Channel': 'Merchant' },
    ]);
    const headers = extraColumnsHeaders(parsed[0]?.extras ?? {});
    assert.deepEqual(readExtraColumns(headers), { 'Unnamed: 0': '0', 'Fulfilment Channel': 'FBA' });
    assert.deepEqual(extraColumnsHeaders({}), {});
    assert.equal(readExtraColumns({}), null);
  });
});
