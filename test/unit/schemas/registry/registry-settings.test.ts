import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../../errors/index.ts';
import { loadRegistrySettings } from '../../../../schemas/registry/registry-settings.ts';

describe('loadRegistrySettings', () => {
  it('defaults to port 8081 on the stack host, topic _schemas, no auth, writable', () => {
    const settings = loadRegistrySettings({});
    assert.deepEqual(settings, { host: '127.0.0.1', port: 8081, topic: '_schemas', topicReplicationFactor: 1, basicAuth: undefined, readOnly: false });
    assert.equal(loadRegistrySettings({ SHELFSTREAM_HOST: '0.0.0.0' }).host, '0.0.0.0');
  });

  it('takes a flag over the environment', () => {
    const settings = loadRegistrySettings({ SHELFSTREAM_SCHEMA_REGISTRY_PORT: '9000' }, { 'schema-registry-port': '9100' });
    assert.equal(settings.port, 9100);
  });

  it('splits basic auth at the first colon and never shows the password', () => {
    const { basicAuth } = loadRegistrySettings({ SHELFSTREAM_SCHEMA_REGISTRY_BASIC_AUTH: 'ops:pa:ss', SHELFSTREAM_SCHEMA_REGISTRY_READ_ONLY: 'true' });
    assert.ok(basicAuth);
    assert.equal(basicAuth.user, 'ops');
    assert.equal(basicAuth.password.reveal(), 'pa:ss');
    assert.doesNotMatch(inspect(basicAuth), /pa:ss/);
  });

  it('reports every bad setting at once, naming variable and flag, hiding secrets', () => {
    const env = {
      SHELFSTREAM_SCHEMA_REGISTRY_PORT: '80800',
      SHELFSTREAM_SCHEMA_REGISTRY_TOPIC: 'bad topic',
      SHELFSTREAM_SCHEMA_REGISTRY_BASIC_AUTH: 'no-colon-secret',
      SHELFSTREAM_SCHEMA_REGISTRY_READ_ONLY: 'maybe',
    };
    assert.throws(
      () => loadRegistrySettings(env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems.map((p) => p.flag), [
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
