import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, type ShelfstreamConfig } from '../../../config/index.ts';
import { icebergSchemaFromAvro } from '../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { subTopology } from '../../../runtime/sub-topology-builder.ts';
import { Topology } from '../../../runtime/topology.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import { icebergTableSink, type IcebergRow } from '../../../sinks/iceberg/iceberg-table-sink.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { mapValues } from '../../../streams/map-records.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { pyicebergPython, readWithPyiceberg } from '../../support/iceberg-reader.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { TcpOutageProxy } from '../../support/tcp-outage-proxy.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const PARTITIONS = 2;
const COUNT = 400;
// Longer than the shared retry policy spends (about 3 s), so the batch fails and is fetched again.
const OUTAGE_MS = 10_000;

// Which service the proxy stands in front of, and the config that sends the sink through it.
const outages = [
  { service: 'the Iceberg catalog', upstream: config.iceberg.catalogUrl, via: (c: ShelfstreamConfig, url: string): ShelfstreamConfig => ({ ...c, iceberg: { ...c.iceberg, catalogUrl: url } }) },
  { service: 'MinIO', upstream: config.s3.endpoint, via: (c: ShelfstreamConfig, url: string): ShelfstreamConfig => ({ ...c, s3: { ...c.s3, endpoint: url } }) },
];

for (const outage of outages) {
  describe(`${outage.service} down for ${OUTAGE_MS / 1000} s, kafkajs`, () => {
    it('holds the pipeline back, resumes when the service is back, and the table holds every record once; nothing is dead-lettered', async () => {
      const name = uniqueName('ice-outage').replace(/_/g, '-');
      const upstream = new URL(outage.upstream);
      const proxy = await TcpOutageProxy.start({ host: upstream.hostname, port: Number(upstream.port) });
      const proxied = new URL(outage.upstream);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(proxy.port);
      const through = outage.via(config, proxied.toString().replace(/\/$/, ''));
      const admin = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
      const catalog = new IcebergRestCatalog({ url: through.iceberg.catalogUrl, timeoutMs: 30_000 });
      const io = new IcebergFileIO(createMinioClient(through));
      const namespace = [name.replace(/-/g, '_')];
      const table = { namespace, name: 'orders' };
      const driver = createKafkaDriver(config, 'kafkajs');
      const input = { topic: `${name}.orders`, partitions: PARTITIONS };
      const kafkaAdmin = await driver.admin();
      const producer = driver.producer();
      const topology = new Topology({
        applicationId: name,
        inputs: [input],
        subTopologies: [
          subTopology('load-orders', input.topic)
            .step('rows', () => mapValues<Buffer | null, IcebergRow>((v) => JSON.parse(v?.toString() ?? '{}') as IcebergRow))
            .to('orders-table', icebergTableSink({ catalog, io, table })),
        ],
        sideOutputs: sideOutputSink,
      });
      const runner = new TopologyRunner({ topology, driver });
      try {
        await admin.ensureNamespace(namespace);
        const schema = icebergSchemaFromAvro({ type: 'record', name: 'Order', fields: [{ name: 'order_id', type: 'long' }] });
        await admin.createTable(namespace, { name: table.name, schema });
        await kafkaAdmin.createTopics([input]);
        await producer.connect();
        const records = Array.from({ length: COUNT }, (_, id) => ({ key: Buffer.from(String(id)), value: Buffer.from(JSON.stringify({ order_id: id })), partition: id % PARTITIONS }));
        const half = COUNT / 2;
        await producer.send(input.topic, records.slice(0, half));
        await runner.start();
        await eventually(() => committedTotal(config, name, input.topic), (done) => done > 0n);

        await proxy.cut();
        for (let i = half; i < COUNT; i += 50) await producer.send(input.topic, records.slice(i, i + 50));
        await sleep(OUTAGE_MS);
        const heldAt = await committedTotal(config, name, input.topic);
        assert.ok(heldAt < BigInt(COUNT), `while ${outage.service} was down the group committed ${heldAt} of ${COUNT}: it must hold back`);
        await proxy.restore();

        assert.equal(await eventually(() => committedTotal(config, name, input.topic), (done) => done === BigInt(COUNT), 180_000), BigInt(COUNT), 'the group caught up after the outage');
        const view = await readWithPyiceberg(pyicebergPython(), config, `${namespace[0]}.orders`);
        assert.deepEqual(view.rows.map((row) => row.order_id as number).sort((a, b) => a - b), Array.from({ length: COUNT }, (_, id) => id));
        assert.deepEqual(await readTopic(driver, topology.deadLetterTopic, PARTITIONS), []);
      } finally {
        await runner.stop();
        await producer.disconnect();
        await kafkaAdmin.deleteTopics(topology.topicsToCreate().map((t) => t.topic).concat(input.topic));
        await kafkaAdmin.close();
        await admin.dropTable(table, true);
        await admin.dropNamespace(namespace);
        await proxy.stop();
      }
    });
  });
}
