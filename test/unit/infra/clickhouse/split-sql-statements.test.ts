import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitSqlStatements } from '../../../../infra/clickhouse/split-sql-statements.ts';

describe('splitSqlStatements', () => {
  it('splits at semicolons outside quotes and comments, dropping empty and comment-only pieces', () => {
    const text = [
      '-- a header; with a semicolon',
      "CREATE TABLE a (s String DEFAULT ';') ENGINE = Memory;",
      '/* block; comment */ SELECT \'it\\\'s; fine\', `odd;name`;',
      '',
      '-- trailing comment only',
    ].join('\n');
    assert.deepEqual(splitSqlStatements(text), [
      "-- a header; with a semicolon\nCREATE TABLE a (s String DEFAULT ';') ENGINE = Memory",
      "/* block; comment */ SELECT 'it\\'s; fine', `odd;name`",
    ]);
  });

  it('keeps a last statement without a semicolon', () => {
    assert.deepEqual(splitSqlStatements('SELECT 1;\nSELECT 2'), ['SELECT 1', 'SELECT 2']);
  });
});
