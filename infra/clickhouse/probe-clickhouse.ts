import type { ShelfstreamConfig } from '../../config/index.ts';
import { CredentialsRejectedError, ServiceUnavailableError } from '../../errors/index.ts';
import { describeCause } from '../describe-cause.ts';
import { withDeadline } from '../with-deadline.ts';
import { clickHouseErrorCode } from './clickhouse-error-code.ts';
import { createClickHouseClient } from './create-clickhouse-client.ts';

export interface ClickHouseStatus {
  readonly url: string;
  readonly version: string;
}

// ClickHouse's own error codes for an unknown user, a wrong password and a failed authentication.
const AUTH_CODES = new Set(['192', '193', '516']);

/** `SELECT version()` within the connect timeout, or an error naming the setting to fix. */
export async function probeClickHouse(config: ShelfstreamConfig): Promise<ClickHouseStatus> {
  const client = createClickHouseClient(config);
  const urlSetting = 'SHELFSTREAM_CLICKHOUSE_URL';
  try {
    const rows = await withDeadline(
      client.query({ query: 'SELECT version() AS version', format: 'JSONEachRow' }).then((r) => r.json<{ version: string }>()),
      config.connectTimeoutMs,
      () => new ServiceUnavailableError('ClickHouse', urlSetting, `${config.clickhouse.url}: no answer within ${config.connectTimeoutMs} ms`),
    );
    return { url: config.clickhouse.url, version: rows[0]?.version ?? 'unknown' };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    if (AUTH_CODES.has(clickHouseErrorCode(error))) {
      throw new CredentialsRejectedError('ClickHouse', 'SHELFSTREAM_CLICKHOUSE_USER/SHELFSTREAM_CLICKHOUSE_PASSWORD', describeCause(error), { cause: error });
    }
    throw new ServiceUnavailableError('ClickHouse', urlSetting, `${config.clickhouse.url}: ${describeCause(error)}`, { cause: error });
  } finally {
    await client.close();
  }
}
