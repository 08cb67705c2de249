import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidOptionError } from '../../../../errors/index.ts';
import type { SqlEngine } from '../../../../infra/clickhouse/sql-engine.ts';
import { asinPriceHistory, salesKpis, topMovers } from '../../../../sinks/clickhouse/kpi-queries/index.ts';

/** An engine that records the SQL it is sent and returns no rows. */
function recordingEngine(): SqlEngine & { readonly sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    execute: (statement) => {
      sent.push(statement);
      return Promise.resolve();
    },
    rows: <T>(query: string) => {
      sent.push(query);
      return Promise.resolve([] as T[]);
    },
  };
}

const range = { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2024, 1, 1) };

describe('KPI query options', () => {
  it('rejects a reversed or fractional range, a bad limit, an empty ASIN and a bad per-hour count before any SQL is sent', async () => {
    const engine = recordingEngine();
    await assert.rejects(salesKpis(engine, { range: { fromMs: range.toMs, toMs: range.fromMs }, bucket: 'hour' }), InvalidOptionError);
    await assert.rejects(salesKpis(engine, { range: { fromMs: 0.5, toMs: 10 }, bucket: 'hour' }), InvalidOptionError);
    await assert.rejects(salesKpis(engine, { range, bucket: 'hour', limit: 0 }), InvalidOptionError);
    await assert.rejects(salesKpis(engine, { range, bucket: 'hour', limit: 1e9 }), InvalidOptionError);
    await assert.rejects(asinPriceHistory(engine, { range, bucket: 'hour', asin: '' }), InvalidOptionError);
    await assert.rejects(topMovers(engine, { range, by: 'rank', perHour: 0 }), InvalidOptionError);
    assert.deepEqual(engine.sent, []);
  });

  it('puts filter values into the SQL only as escaped literals, and the range as whole UTC seconds', async () => {
    const engine = recordingEngine();
    await salesKpis(engine, { range, bucket: 'minute', filters: { category: "Toys'; DROP TABLE x; --" }, limit: 5 });
    const [query = ''] = engine.sent;
    assert.ok(query.includes("category = 'Toys\\'; DROP TABLE x; --'"), query);
    assert.ok(query.includes(`bucket_start >= toDateTime(${range.fromMs / 1000}, 'UTC') AND bucket_start < toDateTime(${range.toMs / 1000}, 'UTC')`), query);
    assert.match(query, /FROM sales_kpis_minute\b/);
    assert.match(query, /LIMIT 5\s*$/);
  });
});
