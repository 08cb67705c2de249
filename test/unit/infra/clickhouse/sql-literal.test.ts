import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidOptionError } from '../../../../errors/index.ts';
import { sql, sqlLiteral, TrustedSql } from '../../../../infra/clickhouse/sql-literal.ts';

/** One ClickHouse string literal and nothing after it: quotes only at the ends, every other one escaped. */
const ONE_LITERAL = /^'(?:[^'\\]|\\[\s\S])*'$/;
/** What ClickHouse reads from a literal (its escapes undone). */
const UNESCAPES: Record<string, string> = { '0': '\0', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
const read = (literal: string): string => literal.slice(1, -1).replace(/\\([\s\S])/g, (_, c: string) => UNESCAPES[c] ?? c);

const HOSTILE = [
  "O'Brien",
  "'; DROP TABLE orders_raw; --",
  "x' OR '1'='1",
  'back\\slash at the end\\',
  "\\'; SELECT 1 --",
  'comment -- markers /* and */ here',
  'nul \0 byte',
  "two statements'; SELECT * FROM system.users; SELECT '",
  'new\nline and\ttab\rreturn',
  'unicode: café 価格 🙂',
  '',
];

describe('sqlLiteral', () => {
  for (const value of HOSTILE) {
    it(`keeps ${JSON.stringify(value)} one literal that reads back as itself`, () => {
      const literal = sqlLiteral(value);
      assert.match(literal, ONE_LITERAL);
      assert.equal(read(literal), value);
    });
  }

  it('escapes quotes, backslashes and NUL as ClickHouse reads them', () => {
    assert.equal(sqlLiteral("a'b\\c\0d"), "'a\\'b\\\\c\\0d'");
  });

  it('writes numbers and booleans bare, and lists of values as arrays of literals', () => {
    assert.equal(sqlLiteral(42), '42');
    assert.equal(sqlLiteral(-1.5), '-1.5');
    assert.equal(sqlLiteral(true), '1');
    assert.equal(sqlLiteral(['A', "B'"]), "['A', 'B\\'']");
  });

  it('refuses numbers that are not finite or not exact integers', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) assert.throws(() => sqlLiteral(bad), InvalidOptionError);
  });
});

describe('sql template', () => {
  it('binds every value as a literal and keeps trusted text as written', () => {
    const asin = "B0'; DROP DATABASE x; --";
    assert.equal(
      sql`SELECT * FROM ${new TrustedSql('orders_raw')} WHERE asin = ${asin} LIMIT ${10}`,
      "SELECT * FROM orders_raw WHERE asin = 'B0\\'; DROP DATABASE x; --' LIMIT 10",
    );
  });
});
