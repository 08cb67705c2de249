import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { ensureDatabase, sqlIdentifier } from '../../../infra/clickhouse/ensure-database.ts';
import { migrate } from '../../../infra/clickhouse/migrator.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { subTopology } from '../../../runtime/sub-topology-builder.ts';
import { Topology } from '../../../runtime/topology.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import { DEAD_LETTER_HEADERS } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { clickHouseInsertSink } from '../../../sinks/clickhouse/clickhouse-insert-sink.ts';
import { kpiMigrations } from '../../../sinks/clickhouse/clickhouse-schema.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { asRecords, enrichedOrderRows, expectedTotals, parseStep, rowStep } from '../../support/enriched-order-rows.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { TcpOutageProxy } from '../../support/tcp-outage-proxy.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const PARTITIONS = 2;
const COUNT = 1_200;
// Longer than the shared retry policy spends (about 3 s), so the batch fails and is fetched again.
const OUTAGE_MS = 15_000;

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`ClickHouse down for ${OUTAGE_MS / 1000} s, ${driverName}`, () => {
    it('holds the pipeline back, resumes when ClickHouse is back, and counts every order once; nothing is dead-lettered for the outage', async () => {
      const name = uniqueName('ch-outage').replace(/_/g, '-');
      const database = name.replace(/-/g, '_');
      const upstream = new URL(config.clickhouse.url);
      // ClickHouse is reached through a proxy this test cuts: the shared server keeps serving other tests.
      const proxy = await TcpOutageProxy.start({ host: upstream.hostname, port: Number(upstream.port) });
      const admin = createClickHouseClient(config);
      await ensureDatabase(admin, database);
      const client = createClickHouseClient({ ...config, clickhouse: { ...config.clickhouse, url: `http://127.0.0.1:${proxy.port}` } }, database);
      const driver = createKafkaDriver(config, driverName);
      const input = { topic: `${name}.orders-enriched`, partitions: PARTITIONS };
      const kafkaAdmin = await driver.admin();
      const producer = driver.producer();
      const topology = new Topology({
        applicationId: name,
        inputs: [input],
        subTopologies: [
          subTopology('load-orders', input.topic)
            .step('parse', parseStep)
            .step('orders-enriched-rows', rowStep)
            .to('orders-enriched-table', clickHouseInsertSink({ client, table: 'orders_enriched', maxRowsPerInsert: 50 })),
        ],
        sideOutputs: sideOutputSink,
      });
      const runner = new TopologyRunner({ topology, driver });
      try {
        await migrate(clientSqlEngine(client), kpiMigrations());
        await kafkaAdmin.createTopics([input]);
        await producer.connect();
        const rows = enrichedOrderRows(COUNT);
        const records = asRecords(rows, PARTITIONS);
        const half = records.length / 2;
        await producer.send(input.topic, records.slice(0, half));
        await runner.start();
        await eventually(() => committedTotal(config, name, input.topic), (done) => done > 0n);

        await proxy.cut();
        for (let i = half; i < records.length; i += 50) await producer.send(input.topic, records.slice(i, i + 50));
        await sleep(OUTAGE_MS);
        const heldAt = await committedTotal(config, name, input.topic);
        assert.ok(heldAt < BigInt(records.length), `while ClickHouse was down the group committed ${heldAt} of ${records.length}: it must hold back`);
        await proxy.restore();

        await eventually(() => committedTotal(config, name, input.topic), (done) => done === BigInt(records.length), 180_000);
        const expected = expectedTotals(rows);
        const engine = clientSqlEngine(client);
        const [kpis] = await engine.rows<{ orders: number; revenue: number; units: number }>(
          'SELECT countMerge(orders_state) AS orders, sumMerge(revenue_minor_state) AS revenue, sumMerge(units_state) AS units FROM sales_kpis_minute',
        );
        assert.deepEqual(kpis, { orders: expected.good, revenue: expected.revenue, units: expected.units });
        const dead = await readTopic(driver, topology.deadLetterTopic, PARTITIONS);
        assert.deepEqual(
          dead.map((d) => d.headers[DEAD_LETTER_HEADERS.code]?.toString()),
          Array.from({ length: expected.rejected }, () => 'ROW_REJECTED'),
        );
      } finally {
        await runner.stop();
        await producer.disconnect();
        await kafkaAdmin.deleteTopics(topology.topicsToCreate().map((t) => t.topic).concat(input.topic));
        await kafkaAdmin.close();
        await client.close();
        await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
        await admin.close();
        await proxy.stop();
      }
    });
  });
}
