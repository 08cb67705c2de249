// runs alone: it restarts Kafka and the Schema Registry of the shared stack.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { kafkaConnection } from '../../../infra/kafka/kafka-connection.ts';
import { RegistryServer } from '../../../schemas/registry/registry-server.ts';
import { readSchemaJson, schemaFileNames } from '../../../schemas/schema-files.ts';
import { freePort } from '../../support/free-port.ts';
import { repoPath } from '../../support/repo-path.ts';
import { callRegistry, dumpRegistry } from '../../support/test-registry.ts';

/**
 * A private broker (same launcher, own folder and ports) that this test may stop and start without
 * disturbing the shared stack's Kafka, which every other test uses.
 */
describe('the registry across a restart of Kafka and of itself', () => {
  const stackDir = mkdtempSync(path.join(tmpdir(), 'shelfstream-restart-'));
  const env: Record<string, string> = { SHELFSTREAM_STACK_DIR: stackDir };
  const stack = (...args: string[]) => {
    const result = spawnSync('bash', [repoPath('docker/local-stack'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(result.status, 0, `local-stack ${args.join(' ')}: ${result.stderr}`);
  };
  let brokers: string[] = [];

  before(async () => {
    env.SHELFSTREAM_KAFKA_PORT = String(await freePort());
    env.SHELFSTREAM_KAFKA_CONTROLLER_PORT = String(await freePort());
    brokers = [`127.0.0.1:${env.SHELFSTREAM_KAFKA_PORT}`];
    stack('up', 'kafka');
  });

  after(() => {
    stack('down', 'kafka');
    rmSync(stackDir, { recursive: true, force: true });
  });

  const startRegistry = () =>
    RegistryServer.start({
      host: '127.0.0.1',
      port: 0,
      log: { topic: '_schemas', connection: kafkaConnection(loadConfig({ ...process.env, SHELFSTREAM_KAFKA_BROKERS: brokers.join(',') })), replicationFactor: 1, timeoutMs: 30_000 },
      basicAuth: undefined,
      readOnly: false,
    });

  it('keeps every subject, version and id, and hands out the next id after', async () => {
    let registry = await startRegistry();
    for (const name of schemaFileNames()) {
      const registered = await callRegistry(registry.url, 'POST', `/subjects/${name}-value/versions`, { schema: JSON.stringify(readSchemaJson(name)) });
      assert.equal(registered.status, 200, JSON.stringify(registered.body));
    }
    const before = await dumpRegistry(registry.url);
    await registry.close();

    stack('down', 'kafka');
    stack('up', 'kafka');
    registry = await startRegistry();
    try {
      assert.deepEqual(await dumpRegistry(registry.url), before);
      const ids = Object.keys(before.schemas as Record<string, unknown>).map(Number);
      assert.equal(ids.length, schemaFileNames().length);
      const next = await callRegistry(registry.url, 'POST', '/subjects/after-restart-value/versions', { schema: '{"type":"record","name":"AfterRestart","fields":[{"name":"x","type":"long"}]}' });
      assert.equal(next.status, 200);
      assert.ok((next.body as { id: number }).id > Math.max(...ids), 'a new schema gets a new id');
    } finally {
      await registry.close();
    }
  });
});
