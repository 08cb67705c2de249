import assert from 'node:assert/strict';
import { createReadStream, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RowError } from '../../../../errors/index.ts';
import { readCsvHeader, rowValues, type CsvHeader } from '../../../../sources/replay/csv-header.ts';
import { readCsvRows } from '../../../../sources/replay/csv-rows.ts';
import { parseProductRow, PRODUCT_COLUMNS, type ParsedProductRow, type ProductColumn } from '../../../../sources/replay/product-row.ts';
import { productsKind } from '../../../../sources/replay/replay-kinds.ts';
import { repoPath } from '../../../support/repo-path.ts';

const DIR = repoPath('..', 'shared', 'data', 'amazon-products-in-2023');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.csv')).sort();
const at = { file: 'products.csv', line: 3 };

const row: Readonly<Record<ProductColumn, string>> = {
  name: 'Lloyd 1.5 Ton 3 Star Inverter Split Ac (5 In 1 Convertible, Copper, Anti-Viral + Pm 2.5 Filter, 2023 Model, White, Gls18I3...',
  main_category: 'appliances',
  sub_category: 'Air Conditioners',
  image: 'https://m.media-amazon.com/images/I/31UISB90sYL._AC_UL320_.jpg',
  link: 'https://www.amazon.in/Lloyd-Inverter-Convertible-Anti-Viral-GLS18I3FWAMC/dp/B0BRKXTSBT/ref=sr_1_4?qid=1679134237&s=kitchen&sr=1-4',
  ratings: '4.2',
  no_of_ratings: '2,255',
  discount_price: '₹32,999',
  actual_price: '₹58,990',
};

interface FileRow extends ParsedProductRow {
  readonly file: string;
  readonly line: number;
}

/** Every row of the 112 files through the product parser, read once for all the tests below. */
async function readAll(): Promise<{ rows: FileRow[]; invalid: RowError[]; lines: Map<string, number[]> }> {
  const rows: FileRow[] = [];
  const invalid: RowError[] = [];
  const lines = new Map<string, number[]>();
  for (const file of FILES) {
    const seen: number[] = [];
    let header: CsvHeader<ProductColumn> | undefined;
    for await (const item of readCsvRows(createReadStream(`${DIR}/${file}`))) {
      assert.equal(item.kind, 'record', `${file} is unreadable from line ${item.line}`);
      if (header === undefined) {
        header = readCsvHeader(item.fields, PRODUCT_COLUMNS, file, 'products');
        continue;
      }
      seen.push(item.line);
      try {
        rows.push({ file, line: item.line, ...parseProductRow(rowValues(header, item), { file, line: item.line }) });
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        invalid.push(error);
      }
    }
    lines.set(file, seen);
  }
  return { rows, invalid, lines };
}

const all = readAll();

describe('product rows', () => {
  it('come out of all 112 real product files: 10,830 rows, none invalid, one record per physical line', async () => {
    const { rows, invalid, lines } = await all;
    assert.equal(FILES.length, 112);
    assert.equal(rows.length, 10_830);
    assert.deepEqual(invalid, []);
    for (const [file, seen] of lines) assert.deepEqual(seen, Array.from({ length: seen.length }, (_, i) => i + 2), file);
    const short = [...lines].filter(([, seen]) => seen.length !== 100).map(([file, seen]) => [file, seen.length]);
    assert.deepEqual(short, [
      ['Fashion Sales and Deals.csv', 44], ['International Toy Store.csv', 24], ['Refurbished and Open Box.csv', 24],
      ['STEM Toys Store.csv', 48], ['Toys Gifting Store.csv', 24], ['Value Bazaar.csv', 66],
    ]);
  });

  it('set the dirty values the README lists to null, each with its reason, and count them', async () => {
    const { rows } = await all;
    const counts = new Map<string, number>();
    for (const r of rows) for (const n of r.nulled) counts.set(`${n.field} ${n.reason}`, (counts.get(`${n.field} ${n.reason}`) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries([...counts].sort()), {
      'actual_price empty': 92,
      'discount_price empty': 798,
      'no_of_ratings decimal-count': 133,
      'no_of_ratings empty': 596,
      // FREE Delivery by Amazon (21), Only 2 (6), Only 1 (5) and Only 3 left in stock. (1)
      'no_of_ratings not-a-count': 33,
      'ratings empty': 596,
      // Get (32) and FREE (1)
      'ratings not-a-number': 33,
    });
    const texts = new Set(rows.flatMap((r) => r.nulled.filter((n) => n.reason === 'not-a-count').map((n) => n.value)));
    assert.deepEqual([...texts].sort(), ['FREE Delivery by Amazon', 'Only 1 left in stock.', 'Only 2 left in stock.', 'Only 3 left in stock.']);
    assert.equal(rows.filter((r) => r.nulled.some((n) => n.field === 'ratings' && n.value === 'Get')).length, 32);
    for (const r of rows) {
      for (const n of r.nulled) assert.equal(n.field === 'ratings' ? r.product.ratings : n.field === 'no_of_ratings' ? r.product.no_of_ratings : null, null);
    }
  });

  it('key every listing by the ASIN of its link: 9,898 distinct, 818 listed more than once', async () => {
    const { rows } = await all;
    const byAsin = new Map<string, number>();
    for (const r of rows) {
      assert.match(r.product.asin, /^[A-Z0-9]{10}$/);
      assert.ok(r.product.link.includes(`/dp/${r.product.asin}`));
      assert.equal(r.product.currency, 'INR');
      assert.equal(r.product.marketplace, 'IN');
      byAsin.set(r.product.asin, (byAsin.get(r.product.asin) ?? 0) + 1);
    }
    assert.equal(byAsin.size, 9_898);
    assert.equal([...byAsin.values()].filter((n) => n > 1).length, 818);
    assert.equal(byAsin.get('B0BRKXTSBT'), 5);
  });

  it('read rupee prices with thousands separators, Indian grouping and paise exactly', async () => {
    const { rows } = await all;
    const find = (file: string, line: number) => rows.find((r) => r.file === file && r.line === line)?.product;
    assert.deepEqual(
      [find('All Appliances.csv', 37)?.discount_price_minor, find('Home Audio and Theater.csv', 76)?.actual_price_minor],
      [16_150, 14_490_000],
    );
    const shifted = find('Fashion Sales and Deals.csv', 40);
    assert.deepEqual([shifted?.ratings, shifted?.no_of_ratings, shifted?.discount_price_minor, shifted?.actual_price_minor], [5, null, null, 1_078_092]);
    const suitcase = find('Suitcases and Trolley Bags.csv', 29);
    assert.deepEqual([suitcase?.ratings, suitcase?.no_of_ratings, suitcase?.discount_price_minor], [null, null, 837_000]);
  });

  it('map a row field by field, with the listing time of its link as event time', () => {
    assert.deepEqual(parseProductRow(row, at), {
      product: {
        asin: 'B0BRKXTSBT', name: row.name, main_category: 'appliances', sub_category: 'Air Conditioners', image: row.image, link: row.link,
        ratings: 4.2, no_of_ratings: 2_255, discount_price_minor: 3_299_900, actual_price_minor: 5_899_000, currency: 'INR', marketplace: 'IN',
      },
      nulled: [],
    });
    assert.equal(productsKind().parse(row, at).eventTime, Date.UTC(2023, 2, 18, 10, 10, 37));
    assert.equal(productsKind().parse({ ...row, link: 'https://www.amazon.in/dp/B0BRKXTSBT' }, at).eventTime, null);
  });

  it('take storefront and currency from the link, or from the price symbol off Amazon', () => {
    const us = parseProductRow({ ...row, link: 'https://www.amazon.com/dp/B07G2L3JMM', discount_price: '$29.99', actual_price: '$1,299.00' }, at).product;
    assert.deepEqual([us.marketplace, us.currency, us.discount_price_minor, us.actual_price_minor], ['US', 'USD', 2_999, 129_900]);
    const elsewhere = parseProductRow({ ...row, link: 'https://shop.example/dp/B07G2L3JMM', discount_price: '', actual_price: '£12.50' }, at).product;
    assert.deepEqual([elsewhere.marketplace, elsewhere.currency, elsewhere.actual_price_minor], ['UNKNOWN', 'GBP', 1_250]);
    const wrong = parseProductRow({ ...row, actual_price: '$12' }, at);
    assert.deepEqual([wrong.product.actual_price_minor, wrong.nulled], [null, [{ field: 'actual_price', reason: 'not-a-price', value: '$12' }]]);
    assert.deepEqual(parseProductRow({ ...row, ratings: '7.5' }, at).nulled, [{ field: 'ratings', reason: 'out-of-range', value: '7.5' }]);
  });

  it('reject a row whose link names no ASIN, and a row with a field too many', () => {
    for (const link of ['', 'https://www.amazon.in/s?k=shoes', 'https://www.amazon.in/dp/short']) {
      assert.throws(() => parseProductRow({ ...row, link }, at), (e: unknown) => e instanceof RowError && e.code === 'ROW_INVALID' && e.field === 'link' && e.location.line === 3);
    }
    const header = readCsvHeader([...PRODUCT_COLUMNS], PRODUCT_COLUMNS, 'p.csv', 'products');
    const record = { kind: 'record' as const, line: 9, fields: [...Object.values(row), 'extra'], raw: '', bytes: 0 };
    assert.throws(() => rowValues(header, record), (e: unknown) => e instanceof RowError && /10 fields, the header 9/.test(e.message) && e.location.line === 9);
  });

  it('find the columns in any order and case, and name those missing', () => {
    const header = readCsvHeader(['\ufeffLINK', 'Name', ...PRODUCT_COLUMNS.filter((c) => c !== 'link' && c !== 'name'), 'extra'], PRODUCT_COLUMNS, 'p.csv', 'products');
    assert.equal(header.positions.link, 0);
    assert.equal(header.width, 10);
    assert.throws(() => readCsvHeader(['name', 'link'], PRODUCT_COLUMNS, 'p.csv', 'products'), /lacks main_category, sub_category, image, ratings/);
  });
});
