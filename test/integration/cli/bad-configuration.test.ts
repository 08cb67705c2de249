import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { runCli, type CliResult } from '../../support/run-cli.ts';

// Wrong ports are other real services of the stack: a protocol mismatch, not just a refusal.
const config = loadConfig();
const clickhousePort = new URL(config.clickhouse.url).port;
const kafkaAddress = config.kafka.brokers[0] ?? '';

interface Report {
  service: string;
  ok: boolean;
  detail: string;
}

const reportsOf = (result: CliResult): Report[] => JSON.parse(result.stdout) as Report[];

/** The command ended by itself, non-zero, and said nothing that looks like a stack trace. */
function assertCleanFailure(result: CliResult): void {
  assert.equal(result.killed, false, 'the command hung');
  assert.notEqual(result.code, 0);
  assert.doesNotMatch(result.stdout + result.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'stack trace printed');
}

async function checkWith(env: Record<string, string>): Promise<CliResult> {
  return runCli(['check', '--json'], { SHELFSTREAM_CONNECT_TIMEOUT_MS: '3000', ...env });
}

describe('bad configuration fails fast, naming the setting', () => {
  // A peer that accepts connections and never answers: the hang a wrong port can cause.
  let silent: Server;
  let silentPort = 0;
  before(async () => {
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  after(() => {
    silent.close();
  });

  const cases: [string, () => Record<string, string>, string, RegExp][] = [
    ['an unreachable broker', () => ({ SHELFSTREAM_KAFKA_BROKERS: '127.0.0.1:1' }), 'kafka', /SHELFSTREAM_KAFKA_BROKERS/],
    ['a broker address on the wrong port (ClickHouse HTTP)', () => ({ SHELFSTREAM_KAFKA_BROKERS: `127.0.0.1:${clickhousePort}` }), 'kafka', /SHELFSTREAM_KAFKA_BROKERS/],
    ['a broker that never answers', () => ({ SHELFSTREAM_KAFKA_BROKERS: `127.0.0.1:${silentPort}` }), 'kafka', /SHELFSTREAM_KAFKA_BROKERS/],
    ['ClickHouse on the wrong port (Kafka)', () => ({ SHELFSTREAM_CLICKHOUSE_URL: `http://${kafkaAddress}` }), 'clickhouse', /SHELFSTREAM_CLICKHOUSE_URL/],
    ['an object store that never answers', () => ({ SHELFSTREAM_S3_ENDPOINT: `http://127.0.0.1:${silentPort}` }), 'object-store', /SHELFSTREAM_S3_ENDPOINT/],
    ['a wrong object store secret', () => ({ SHELFSTREAM_S3_SECRET_KEY: 'not-the-secret' }), 'object-store', /rejected the credentials.*SHELFSTREAM_S3_ACCESS_KEY\/SHELFSTREAM_S3_SECRET_KEY/],
    ['an unknown ClickHouse user', () => ({ SHELFSTREAM_CLICKHOUSE_USER: 'nobody' }), 'clickhouse', /rejected the credentials.*SHELFSTREAM_CLICKHOUSE_USER/],
    ['a Schema Registry URL that is another service (ClickHouse)', () => ({ SHELFSTREAM_SCHEMA_REGISTRY_URL: `http://127.0.0.1:${clickhousePort}` }), 'schema-registry', /SHELFSTREAM_SCHEMA_REGISTRY_URL/],
    ['an Iceberg catalog on the wrong port', () => ({ SHELFSTREAM_ICEBERG_CATALOG_URL: 'http://127.0.0.1:1' }), 'iceberg-catalog', /SHELFSTREAM_ICEBERG_CATALOG_URL/],
  ];

  for (const [what, env, service, message] of cases) {
    it(`${what}: ${service} is reported down with the setting to fix`, async () => {
      const result = await checkWith(env());
      assertCleanFailure(result);
      const report = reportsOf(result).find((r) => r.service === service);
      assert.ok(report, `no report for ${service}`);
      assert.equal(report.ok, false);
      assert.match(report.detail, message);
    });
  }

  it('missing credentials are a configuration error before anything connects', async () => {
    const result = await runCli(['run'], { SHELFSTREAM_S3_ACCESS_KEY: '' });
    assertCleanFailure(result);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /\[CONFIG_INVALID\].*\n.*SHELFSTREAM_S3_ACCESS_KEY \(--s3-access-key\): must not be empty/);
  });

  it('with the local stack off, run refuses to start against a down service and says which', async () => {
    const result = await runCli(['run'], { SHELFSTREAM_LOCAL_STACK: 'off', SHELFSTREAM_KAFKA_BROKERS: '127.0.0.1:1', SHELFSTREAM_CONNECT_TIMEOUT_MS: '3000' });
    assertCleanFailure(result);
    assert.match(result.stderr, /\[SERVICE_UNAVAILABLE\][\s\S]*kafka\s+DOWN.*SHELFSTREAM_KAFKA_BROKERS/);
  });
});
