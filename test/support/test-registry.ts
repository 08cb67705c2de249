import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '../../config/index.ts';
import { kafkaConnection } from '../../infra/kafka/kafka-connection.ts';
import { RegistryServer } from '../../schemas/registry/registry-server.ts';
import { SchemaLog } from '../../schemas/registry/schema-log.ts';
import type { BasicAuthCredentials } from '../../config/index.ts';

const config = loadConfig();

export interface TestRegistryOptions {
  readonly basicAuth?: BasicAuthCredentials;
  readonly readOnly?: boolean;
  readonly bodyLimitBytes?: number;
}

/** Our Schema Registry in this process, on a free port, over `topic` on the local stack's Kafka. */
export function startTestRegistry(topic: string, options: TestRegistryOptions = {}): Promise<RegistryServer> {
  return RegistryServer.start({
    host: '127.0.0.1',
    port: 0,
    log: { topic, connection: kafkaConnection(config), replicationFactor: 1, timeoutMs: 30_000 },
    basicAuth: options.basicAuth,
    readOnly: options.readOnly ?? false,
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
  });
}

function admin() {
  return new Kafka({ clientId: 'shelfstream-tests', brokers: [...config.kafka.brokers], logLevel: logLevel.NOTHING }).admin();
}

/** The offset the next record of a one-partition topic will get. */
export async function topicEndOffset(topic: string): Promise<number> {
  const client = admin();
  await client.connect();
  try {
    const [partition] = await client.fetchTopicOffsets(topic);
    return Number(partition?.high ?? 0);
  } finally {
    await client.disconnect();
  }
}

export async function deleteTopic(topic: string): Promise<void> {
  const client = admin();
  await client.connect();
  try {
    await client.deleteTopics({ topics: [topic] });
  } finally {
    await client.disconnect();
  }
}

export interface ApiResponse {
  readonly status: number;
  readonly contentType: string | null;
  /** Parsed JSON; the raw text when the body is not JSON. */
  readonly body: unknown;
}

/** One HTTP call to a registry, JSON in and out, as Confluent's clients make it. */
export async function callRegistry(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/vnd.schemaregistry.v1+json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body: parsed };
}

/** Everything a registry serves, soft-deleted versions included: equal dumps mean equal registries. */
export async function dumpRegistry(baseUrl: string): Promise<Record<string, unknown>> {
  const get = async (path: string): Promise<unknown> => (await callRegistry(baseUrl, 'GET', path)).body;
  const subjects = (await get('/subjects?deleted=true')) as string[];
  const versions: Record<string, unknown[]> = {};
  const ids = new Set<number>();
  for (const subject of subjects) {
    const path = `/subjects/${encodeURIComponent(subject)}`;
    const numbers = (await get(`${path}/versions?deleted=true`)) as number[];
    versions[subject] = [];
    for (const n of numbers) {
      const version = (await get(`${path}/versions/${n}?deleted=true`)) as { id: number };
      ids.add(version.id);
      versions[subject].push({ ...version, config: await get(`/config/${encodeURIComponent(subject)}`) });
    }
  }
  const schemas: Record<number, unknown> = {};
  for (const id of [...ids].sort((a, b) => a - b)) schemas[id] = await get(`/schemas/ids/${id}`);
  return { subjects, versions, schemas, config: await get('/config'), mode: await get('/mode') };
}

/** Creates a schema topic that the broker compacts within seconds: small segments, any dirt cleanable, tombstones dropped at once. */
export async function createEagerlyCompactedTopic(topic: string): Promise<void> {
  const client = admin();
  await client.connect();
  try {
    await client.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'segment.ms', value: '1000' },
            { name: 'min.cleanable.dirty.ratio', value: '0.0001' },
            { name: 'min.compaction.lag.ms', value: '0' },
            { name: 'delete.retention.ms', value: '0' },
          ],
        },
      ],
    });
  } finally {
    await client.disconnect();
  }
}

/** The offsets of the records a topic holds now (compaction leaves gaps). */
export async function storedOffsets(topic: string): Promise<number[]> {
  const offsets: number[] = [];
  const log = new SchemaLog(
    { topic, connection: kafkaConnection(config), replicationFactor: 1, timeoutMs: 30_000 },
    (entry) => offsets.push(entry.offset),
  );
  await log.open();
  await log.close();
  return offsets;
}
