import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import { loadConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { ensureDatabase, sqlIdentifier } from '../../../infra/clickhouse/ensure-database.ts';
import { migrate } from '../../../infra/clickhouse/migrator.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import { clickHouseInsertSink } from '../../../sinks/clickhouse/clickhouse-insert-sink.ts';
import { kpiMigrations } from '../../../sinks/clickhouse/clickhouse-schema.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { asRecords, enrichedOrderRows, expectedTotals, ordersLoadTopology } from '../../support/enriched-order-rows.ts';
import { eventually } from '../../support/read-topic.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const PARTITIONS = 2;
const COUNT = 200;

/**
 * The client's answer to an insert lost after the server took it: what a request timeout does when
 * ClickHouse is slow (seen on the main job's orders_enriched under load, every row then twice).
 */
function losingFirstAnswers(client: ClickHouseClient, table: string): { client: ClickHouseClient; lost: () => number } {
  let lost = 0;
  const insert: ClickHouseClient['insert'] = async (params) => {
    const result = await client.insert(params);
    if (params.table !== table || lost >= PARTITIONS) return result;
    lost++;
    throw new Error('Timeout error.');
  };
  return { client: new Proxy(client, { get: (target, key) => (key === 'insert' ? insert : Reflect.get(target, key, target) as unknown) }), lost: () => lost };
}

describe('ClickHouse insert sink, an insert whose answer is lost', () => {
  it('counts the rows that landed before sending the insert again: every order once', async () => {
    const name = uniqueName('ch-insert-timeout').replace(/_/g, '-');
    const database = name.replace(/-/g, '_');
    const admin = createClickHouseClient(config);
    await ensureDatabase(admin, database);
    const real = createClickHouseClient(config, database);
    const { client, lost } = losingFirstAnswers(real, 'orders_enriched');
    const driver = createKafkaDriver(config, 'kafkajs');
    const input = { topic: `${name}.orders-enriched`, partitions: PARTITIONS };
    const kafkaAdmin = await driver.admin();
    const producer = driver.producer();
    const topology = ordersLoadTopology(name, input, clickHouseInsertSink({ client, table: 'orders_enriched' }));
    const runner = new TopologyRunner({ topology, driver });
    try {
      await migrate(clientSqlEngine(real), kpiMigrations());
      await kafkaAdmin.createTopics([input]);
      await producer.connect();
      const rows = enrichedOrderRows(COUNT);
      const records = asRecords(rows, PARTITIONS);
      await producer.send(input.topic, records);
      await runner.start();
      await eventually(() => committedTotal(config, name, input.topic), (done) => done === BigInt(records.length));
      assert.ok(lost() > 0, 'an answer was lost');
      const [table] = await clientSqlEngine(real).rows<{ rows: number | string; orders: number | string }>('SELECT count() AS rows, uniqExact(order_id) AS orders FROM orders_enriched');
      const { good } = expectedTotals(rows);
      assert.deepEqual({ rows: Number(table?.rows), orders: Number(table?.orders) }, { rows: good, orders: good });
    } finally {
      await runner.stop();
      await producer.disconnect();
      await kafkaAdmin.deleteTopics(topology.topicsToCreate().map((t) => t.topic).concat(input.topic));
      await kafkaAdmin.close();
      await real.close();
      await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
      await admin.close();
    }
  });
});
