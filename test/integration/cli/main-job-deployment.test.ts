import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { mainJobNames, mainJobTables, salesApplicationId } from '../../../topology/main-job-names.ts';
import { loadConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { sqlIdentifier } from '../../../infra/clickhouse/ensure-database.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../../schemas/serde/create-schema-registry-client.ts';
import type { TopologySnapshot } from '../../../console/web/src/topology/topology-types.ts';
import { dropIcebergTables } from '../../support/drop-iceberg-tables.ts';
import { orderStream } from '../../support/order-stream.ts';
import { produceUntil } from '../../support/produce-until.ts';
import { eventually } from '../../support/read-topic.ts';
import { repoPath } from '../../support/repo-path.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const prefix = uniqueName('it-deploy').replaceAll('_', '-');
const names = mainJobNames(prefix);
const database = prefix.replaceAll('-', '_');
// The bundled sample's size (cli/main-job.ts).
const SAMPLE_ORDERS = 5_000;

/** Reads `snapshot` events of the console's topology stream until one passes `done`. */
async function topologySnapshot(url: string, done: (s: TopologySnapshot) => boolean, timeoutMs: number): Promise<TopologySnapshot> {
  const response = await fetch(`${url}/api/topology/stream`, { signal: AbortSignal.timeout(timeoutMs) });
  assert.ok(response.body !== null);
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of response.body) {
    pending += decoder.decode(chunk as Uint8Array, { stream: true });
    for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
      const event = pending.slice(0, end);
      pending = pending.slice(end + 2);
      const data = /^data: (.*)$/m.exec(event)?.[1];
      if (event.includes('event: snapshot') && data !== undefined) {
        const snapshot = JSON.parse(data) as TopologySnapshot;
        if (done(snapshot)) return snapshot;
      }
    }
  }
  throw new Error('the topology stream ended');
}

const flowing = (s: TopologySnapshot) =>
  s.topologies.some((t) => t.applicationId === salesApplicationId(names) && Object.values(t.figures).some((step) => (step.inPerSecond ?? 0) > 0));

describe('shelfstream run as a streaming deployment', () => {
  after(async () => {
    const admin = createClickHouseClient(config);
    await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
    await admin.close();
    await dropIcebergTables(new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 }), mainJobTables(names));
    const kafka = await createKafkaDriver(config).admin();
    await kafka.deleteTopics((await kafka.listTopics()).filter((topic) => topic.startsWith(prefix)));
    await kafka.close();
  });

  it('loads the sample, starts the console with live topology rates, takes new orders while it runs, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [repoPath('bin/shelfstream.js'), 'run', '--prefix', prefix], {
      env: { ...process.env, SHELFSTREAM_CLICKHOUSE_DATABASE: database, SHELFSTREAM_CONSOLE_PORT: '0', SHELFSTREAM_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const client = createClickHouseClient(config, database);
    const orders = async () => (await clientSqlEngine(client).rows<{ n: number }>('SELECT count() AS n FROM orders_enriched'))[0]?.n ?? 0;
    try {
      const consoleUrl = await eventually(() => Promise.resolve(/console at (http:\/\/\S+)/.exec(output)?.[1]), (url) => url !== undefined, 180_000);
      assert.ok(consoleUrl !== undefined, output);
      assert.equal(await eventually(orders, (n) => n === SAMPLE_ORDERS, 120_000), SAMPLE_ORDERS, 'the sample landed in ClickHouse once');

      // New orders while it runs: they flow through, and the console's Topology page sees them move.
      const driver = createKafkaDriver(config);
      const serde = new AvroSerde(createSchemaRegistryClient(config));
      const extra = orderStream(600, prefix, Date.now(), 10);
      // Watched while producing: a rate needs records moving between two scrapes.
      let seen: TopologySnapshot | Error | undefined;
      const watching = topologySnapshot(consoleUrl, flowing, 90_000).then(
        (snapshot) => (seen = snapshot),
        (error: unknown) => (seen = error instanceof Error ? error : new Error(String(error))),
      );
      const produced = await produceUntil(driver, serde, names.ordersTopic, extra, () => Promise.resolve(seen !== undefined), { chunk: 50, pauseMs: 300 });
      await watching;
      assert.ok(seen !== undefined && !(seen instanceof Error) && flowing(seen), `the console showed the sales pipeline moving: ${seen instanceof Error ? seen.message : 'no snapshot'}`);
      assert.equal(await eventually(orders, (n) => n === SAMPLE_ORDERS + produced, 120_000), SAMPLE_ORDERS + produced, 'the new orders landed once');

      child.kill('SIGINT');
      assert.equal(await exited, 0, output);
      assert.match(output, /stopping: SIGINT/);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await client.close();
    }
  });
});
