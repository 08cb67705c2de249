import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();

describe('ClickHouse: a table feeding a materialized view', () => {
  const database = uniqueName('it_ch');
  const client = createClickHouseClient(config);

  before(async () => {
    await client.command({ query: `CREATE DATABASE ${database}` });
    await client.command({
      query: `CREATE TABLE ${database}.orders (
        order_id String, category String, country String, amount_minor Int64, event_ms UInt64
      ) ENGINE = MergeTree() ORDER BY (category, order_id)`,
    });
    await client.command({
      query: `CREATE MATERIALIZED VIEW ${database}.revenue_by_category
        ENGINE = SummingMergeTree() ORDER BY category
        AS SELECT category, sum(amount_minor) AS revenue_minor, count() AS orders
        FROM ${database}.orders GROUP BY category`,
    });
  });

  after(async () => {
    await client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    await client.close();
  });

  it('aggregates rows inserted in several blocks the same way a direct computation does', async () => {
    const categories = ['Electronics', 'Toys & Games', "Children's Book"];
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      order_id: `ORD${String(i).padStart(7, '0')}`,
      category: categories[i % 3] ?? 'Electronics',
      country: i % 2 === 0 ? 'India' : 'UK',
      amount_minor: 100 + ((i * 37) % 9000),
      event_ms: 1_700_000_000_000 + i * 1000,
    }));
    // Three inserts make three parts, so the view holds partial sums until it is read with GROUP BY.
    for (let i = 0; i < rows.length; i += 1000) {
      await client.insert({ table: `${database}.orders`, values: rows.slice(i, i + 1000), format: 'JSONEachRow' });
    }
    const result = await client.query({
      query: `SELECT category, sum(revenue_minor) AS revenue_minor, sum(orders) AS orders
              FROM ${database}.revenue_by_category GROUP BY category ORDER BY category`,
      format: 'JSONEachRow',
    });
    const actual = await result.json<{ category: string; revenue_minor: number; orders: number }>();

    const expected = new Map<string, { revenue_minor: number; orders: number }>();
    for (const r of rows) {
      const e = expected.get(r.category) ?? { revenue_minor: 0, orders: 0 };
      expected.set(r.category, { revenue_minor: e.revenue_minor + r.amount_minor, orders: e.orders + 1 });
    }
    assert.deepEqual(
      actual,
      [...expected].sort(([a], [b]) => (a < b ? -1 : 1)).map(([category, v]) => ({ category, ...v })),
    );
  });
});
