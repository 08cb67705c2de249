import type { ClickHouseClient } from '@clickhouse/client';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { CredentialsRejectedError, ServiceUnavailableError } from '../../errors/index.ts';
import { clickHouseErrorCode } from '../../infra/clickhouse/clickhouse-error-code.ts';
import { clientSqlEngine } from '../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../infra/clickhouse/create-clickhouse-client.ts';
import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import { describeCause } from '../../infra/describe-cause.ts';
import { withDeadline } from '../../infra/with-deadline.ts';

// ClickHouse's codes for an unknown user, a wrong password, a failed authentication; an unknown database and table.
const AUTH_CODES = new Set(['192', '193', '516']);
const SCHEMA_CODES = new Set(['81', '60']);

/** The dashboards' one ClickHouse connection: their queries run through `run`, which names the setting to check when one fails. */
export class KpiReader {
  readonly engine: SqlEngine;
  readonly #config: ShelfstreamConfig;
  readonly #client: ClickHouseClient;

  constructor(config: ShelfstreamConfig) {
    this.#config = config;
    this.#client = createClickHouseClient(config, config.clickhouse.database);
    this.engine = clientSqlEngine(this.#client);
  }

  /** Changes whenever rows arrive in any of `tables` (event tables with Kafka columns): their counts and highest offsets. */
  async signature(tables: readonly string[]): Promise<string> {
    const union = tables.map((t) => `SELECT count() AS n, max(kafka_offset) AS o FROM ${t}`).join(' UNION ALL ');
    const rows = await this.run(this.engine.rows<{ n: number; o: number }>(union));
    return rows.map((r) => `${r.n}/${r.o}`).sort().join(',');
  }

  /** Within the connect timeout, any failure as an error naming the setting to check. */
  async run<T>(work: Promise<T>): Promise<T> {
    const { url, database } = this.#config.clickhouse;
    const urlSetting = 'SHELFSTREAM_CLICKHOUSE_URL';
    try {
      return await withDeadline(work, Math.max(this.#config.connectTimeoutMs, 10_000), () => new ServiceUnavailableError('ClickHouse', urlSetting, `${url}: no answer`));
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      const code = clickHouseErrorCode(error);
      if (AUTH_CODES.has(code)) throw new CredentialsRejectedError('ClickHouse', 'SHELFSTREAM_CLICKHOUSE_USER/SHELFSTREAM_CLICKHOUSE_PASSWORD', describeCause(error), { cause: error });
      if (SCHEMA_CODES.has(code)) {
        throw new ServiceUnavailableError('ClickHouse', 'SHELFSTREAM_CLICKHOUSE_DATABASE', `${database} has no KPI tables (run shelfstream clickhouse migrate): ${describeCause(error)}`, { cause: error });
      }
      throw new ServiceUnavailableError('ClickHouse', urlSetting, `${url}: ${describeCause(error)}`, { cause: error });
    }
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}
