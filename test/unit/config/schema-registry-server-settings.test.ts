import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { ConfigError } from '../../../errors/index.ts';

describe('loadConfig: our schema registry server', () => {
  it('defaults to port 8081 on the stack host, topic _schemas, no auth, writable', () => {
    const { server } = loadConfig({}).schemaRegistry;
    assert.deepEqual(server, { host: '127.0.0.1', port: 8081, topic: '_schemas', topicReplicationFactor: 1, basicAuth: undefined, readOnly: false });
    assert.equal(loadConfig({ SHELFSTREAM_HOST: '0.0.0.0' }).schemaRegistry.server.host, '0.0.0.0');
  });

  it('takes a flag over the environment, and clients follow the port variable the launcher sets', () => {
    const config = loadConfig({ SHELFSTREAM_SCHEMA_REGISTRY_PORT: '9000' }, { 'schema-registry-port': '9100' });
    assert.equal(config.schemaRegistry.server.port, 9100);
    assert.equal(config.schemaRegistry.url, 'http://127.0.0.1:9000');
  });

  it('splits basic auth at the first colon and never shows the password', () => {
    const config = loadConfig({ SHELFSTREAM_SCHEMA_REGISTRY_BASIC_AUTH: 'ops:pa:ss', SHELFSTREAM_SCHEMA_REGISTRY_READ_ONLY: 'true' });
    const { basicAuth, readOnly } = config.schemaRegistry.server;
    assert.ok(basicAuth);
    assert.equal(basicAuth.user, 'ops');
    assert.equal(basicAuth.password.reveal(), 'pa:ss');
    assert.equal(readOnly, true);
    for (const shown of [inspect(config, { depth: 6 }), JSON.stringify(config)]) assert.doesNotMatch(shown, /pa:ss/);
  });

  it('reports every bad setting at once, naming variable and flag, hiding secrets', () => {
    const env = {
      SHELFSTREAM_SCHEMA_REGISTRY_PORT: '80800',
      SHELFSTREAM_SCHEMA_REGISTRY_TOPIC: 'bad topic',
      SHELFSTREAM_SCHEMA_REGISTRY_BASIC_AUTH: 'no-colon-secret',
      SHELFSTREAM_SCHEMA_REGISTRY_READ_ONLY: 'maybe',
    };
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        // The clients' URL follows the port variable, so a bad port is reported for both.
        assert.deepEqual(error.problems.map((p) => p.flag), [
          '--schema-registry-url',
          '--schema-registry-port',
          '--schema-registry-topic',
          '--schema-registry-basic-auth',
          '--schema-registry-read-only',
        ]);
        assert.doesNotMatch(error.message, /no-colon-secret/);
        return true;
      },
    );
  });
});
