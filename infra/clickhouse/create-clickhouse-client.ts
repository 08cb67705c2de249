import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ShelfstreamConfig } from '../../config/index.ts';

/**
 * A ClickHouse HTTP client. 64-bit integers come back as JSON numbers, not strings; the
 * `database` is left to the caller because it may not exist yet.
 */
export function createClickHouseClient(config: ShelfstreamConfig, database?: string): ClickHouseClient {
  return createClient({
    url: config.clickhouse.url,
    username: config.clickhouse.user,
    password: config.clickhouse.password.reveal(),
    ...(database === undefined ? {} : { database }),
    request_timeout: Math.max(config.connectTimeoutMs, 30_000),
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    // Failures reach the caller as typed errors; the client's own console logging would repeat them as stack traces.
    log: { level: ClickHouseLogLevel.OFF },
  });
}
