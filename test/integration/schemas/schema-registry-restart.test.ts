import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import type { RegistryServer } from '../../../schemas/registry/registry-server.ts';
import { eventually } from '../../support/read-topic.ts';
import {
  callRegistry,
  createEagerlyCompactedTopic,
  deleteTopic,
  dumpRegistry,
  startTestRegistry,
  storedOffsets,
  topicEndOffset,
} from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const record = (name: string, ...fields: string[]): string =>
  JSON.stringify({ type: 'record', name, fields: fields.map((f) => ({ name: f.replaceAll('-', '_'), type: 'string', default: '' })) });

/** A history with every kind of record: versions, shared ids, soft and permanent deletes, rewritten settings. */
async function makeHistory(url: string): Promise<void> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await callRegistry(url, method, path, body);
    assert.ok(response.status < 300, `${method} ${path}: ${JSON.stringify(response.body)}`);
  };
  for (const subject of ['a-value', 'b-value', 'c-value']) {
    await call('POST', `/subjects/${subject}/versions`, { schema: record('A', 'x') });
    await call('POST', `/subjects/${subject}/versions`, { schema: record('A', 'x', `${subject}1`) });
    await call('POST', `/subjects/${subject}/versions`, { schema: record('A', 'x', `${subject}1`, `${subject}2`) });
  }
  await call('PUT', '/config/a-value', { compatibility: 'NONE' });
  await call('PUT', '/config/a-value', { compatibility: 'FULL' });
  await call('PUT', '/config', { compatibility: 'FORWARD' });
  await call('DELETE', '/subjects/a-value/versions/2');
  await call('DELETE', '/subjects/b-value/versions/3');
  await call('DELETE', '/subjects/b-value/versions/3?permanent=true');
  await call('DELETE', '/subjects/c-value');
  await call('DELETE', '/subjects/c-value?permanent=true');
  await call('PUT', '/mode/b-value', { mode: 'READONLY' });
  await call('DELETE', '/mode/b-value');
  await call('POST', '/subjects/c-value/versions', { schema: record('C', 'y') });
}

describe('Schema Registry restart', () => {
  const topics: string[] = [];
  const servers: RegistryServer[] = [];
  const start = async (topic: string) => {
    const server = await startTestRegistry(topic);
    servers.push(server);
    return server;
  };

  after(async () => {
    for (const server of servers) await server.close();
    for (const topic of topics) await deleteTopic(topic);
  });

  it('a new registry on the same topic serves every subject, version, id and setting unchanged', async () => {
    const topic = uniqueName('_schemas');
    topics.push(topic);
    const first = await start(topic);
    await makeHistory(first.url);
    const before = await dumpRegistry(first.url);
    assert.deepEqual(Object.keys(before.versions as object), ['a-value', 'b-value', 'c-value']);
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start(topic);
    assert.deepEqual(await dumpRegistry(second.url), before);
    // The next id continues after the highest one, the deleted ones included.
    const next = await callRegistry(second.url, 'POST', '/subjects/d-value/versions', { schema: record('D', 'z') });
    assert.deepEqual(next.body, { id: 9 });
  });

  it('rebuilds the same state after Kafka has compacted the topic', async () => {
    const topic = uniqueName('_schemas');
    topics.push(topic);
    await createEagerlyCompactedTopic(topic);
    const first = await start(topic);
    await makeHistory(first.url);
    // A write after segment.ms rolls the segment, making everything before it cleanable.
    await sleep(1500);
    const roll = await callRegistry(first.url, 'PUT', '/config/roll-value', { compatibility: 'NONE' });
    assert.equal(roll.status, 200);
    const before = await dumpRegistry(first.url);
    const appended = await topicEndOffset(topic);

    const stored = await eventually(() => storedOffsets(topic), (offsets) => offsets.length <= appended - 8, 120_000);
    assert.ok(stored.length <= appended - 8, `compacted: ${stored.length} of ${appended} records left`);

    const second = await start(topic);
    assert.deepEqual(await dumpRegistry(second.url), before);
  });
});
