import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { ConfigError } from '../../../errors/index.ts';

describe('loadConfig', () => {
  it('defaults to the local stack', () => {
    const config = loadConfig({});
    assert.deepEqual(config.kafka.brokers, ['127.0.0.1:9092']);
    assert.equal(config.s3.endpoint, 'http://127.0.0.1:9000');
    assert.equal(config.clickhouse.url, 'http://127.0.0.1:8123');
    assert.equal(config.iceberg.catalogUrl, 'http://127.0.0.1:8181');
    assert.equal(config.iceberg.warehouse, 's3://warehouse/');
    assert.equal(config.kafka.driver, 'kafkajs');
  });

  it("follows the launcher's port variables, so moving a port moves the client too", () => {
    const config = loadConfig({ SHELFSTREAM_KAFKA_PORT: '19092', SHELFSTREAM_MINIO_PORT: '9900', SHELFSTREAM_CLICKHOUSE_HTTP_PORT: '18123' });
    assert.deepEqual(config.kafka.brokers, ['127.0.0.1:19092']);
    assert.equal(config.s3.endpoint, 'http://127.0.0.1:9900');
    assert.equal(config.clickhouse.url, 'http://127.0.0.1:18123');
  });

  it('takes a flag over the environment and the environment over the default', () => {
    const env = { SHELFSTREAM_KAFKA_BROKERS: 'a:1,b:2', SHELFSTREAM_KAFKA_DRIVER: 'rdkafka' };
    assert.deepEqual(loadConfig(env).kafka.brokers, ['a:1', 'b:2']);
    const config = loadConfig(env, { 'kafka-brokers': 'c:3' });
    assert.deepEqual(config.kafka.brokers, ['c:3']);
    assert.equal(config.kafka.driver, 'rdkafka');
  });

  it('reports every bad setting at once, each by variable and flag', () => {
    const error = (() => {
      try {
        loadConfig({ SHELFSTREAM_KAFKA_BROKERS: 'no-port', SHELFSTREAM_KAFKA_DRIVER: 'java', SHELFSTREAM_S3_ACCESS_KEY: '' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof ConfigError);
    assert.equal(error.code, 'CONFIG_INVALID');
    assert.deepEqual(
      error.problems.map((p) => [p.env, p.flag]),
      [
        ['SHELFSTREAM_KAFKA_BROKERS', '--kafka-brokers'],
        ['SHELFSTREAM_KAFKA_DRIVER', '--kafka-driver'],
        ['SHELFSTREAM_S3_ACCESS_KEY', '--s3-access-key'],
      ],
    );
    assert.match(error.message, /SHELFSTREAM_KAFKA_BROKERS \(--kafka-brokers\): expected host:port, got "no-port"/);
  });

  it('never prints a secret, and names it without its value when it is wrong', () => {
    const config = loadConfig({ SHELFSTREAM_S3_SECRET_KEY: 'hunter2-very-secret' });
    assert.equal(config.s3.secretKey.reveal(), 'hunter2-very-secret');
    for (const shown of [JSON.stringify(config), inspect(config, { depth: 5 }), String(config.s3.secretKey)]) {
      assert.doesNotMatch(shown, /hunter2/);
    }
    assert.throws(() => loadConfig({ SHELFSTREAM_S3_SECRET_KEY: '' }), (e: unknown) => e instanceof ConfigError && /\(hidden\)/.test(e.message));
  });

  it('is frozen once built', () => {
    const config = loadConfig({});
    assert.throws(() => {
      (config.kafka as { clientId: string }).clientId = 'changed';
    }, TypeError);
    assert.ok(Object.isFrozen(config.kafka.brokers));
  });
});
