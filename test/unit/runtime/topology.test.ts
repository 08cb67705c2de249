import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidNameError } from '../../../errors/index.ts';
import { Topology } from '../../../runtime/topology.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';

const serde = new AvroSerde(new InMemorySchemaRegistry());
const topology = orderRevenueTopology({ applicationId: 'app', orders: { topic: 'orders', partitions: 4 }, outputTopic: 'revenue', serde });

describe('Topology', () => {
  it('derives every internal topic from the application id, changelogs partitioned like their source', () => {
    const topics = new Map(topology.topicsToCreate().map((t) => [t.topic, t]));
    assert.deepEqual([...topics.keys()].sort(), [
      'app.dead-letter',
      'app.late',
      'app.orders-by-category-country-currency.repartition',
      'app.revenue-per-minute.changelog',
      'revenue',
    ]);
    assert.equal(topics.get('app.revenue-per-minute.changelog')?.partitions, 4);
    assert.equal(topics.get('app.revenue-per-minute.changelog')?.config?.['cleanup.policy'], 'compact');
  });

  it('describes the graph: sources through steps to sinks and stores', () => {
    const graph = topology.describe();
    const edge = (from: string, to: string) => graph.edges.some((e) => e.from === from && e.to === to);
    assert.ok(edge('topic:orders', 'rekey-orders/decode-orders'));
    assert.ok(edge('rekey-orders/repartition-by-category-country-currency', 'topic:app.orders-by-category-country-currency.repartition'));
    assert.ok(edge('revenue-per-minute/revenue-per-minute', 'store:revenue-per-minute'));
    assert.ok(edge('revenue-per-minute/window-aggregates', 'topic:revenue'));
    assert.deepEqual(graph.stores, [{ name: 'revenue-per-minute', changelog: 'app.revenue-per-minute.changelog' }]);
    assert.match(topology.describeText(), /sub-topology revenue-per-minute\n {2}source {2}app\.orders-by-category-country-currency\.repartition/);
  });

  it('names the windows after their size', () => {
    const daily = orderRevenueTopology({ applicationId: 'app', orders: { topic: 'orders', partitions: 4 }, outputTopic: 'revenue', serde, windowMs: 86_400_000 });
    assert.deepEqual(
      daily.describe().stores,
      [{ name: 'revenue-per-day', changelog: 'app.revenue-per-day.changelog' }],
    );
    assert.match(daily.describeText(), /sub-topology revenue-per-day\n/);
  });

  it('refuses names that would make bad topic, group or metric names', () => {
    const sub = topology.subTopologies[0];
    assert.ok(sub);
    const stateful = { name: 's', stateful: true };
    const app = { applicationId: 'app', inputs: [], sideOutputs: sideOutputSink };
    assert.throws(() => new Topology({ ...app, applicationId: 'Bad App', subTopologies: [] }), InvalidNameError);
    assert.throws(() => new Topology({ ...app, subTopologies: [{ ...sub, steps: [{ name: 'ok', stateful: false }, { name: 'not_ok', stateful: false }] }] }), InvalidNameError);
    assert.throws(() => new Topology({ ...app, subTopologies: [{ ...sub, steps: [{ name: 'twice', stateful: false }, { name: 'twice', stateful: false }] }] }), InvalidNameError);
    assert.throws(() => new Topology({ ...app, subTopologies: [{ ...sub, steps: [stateful] }, { ...sub, name: 'other', steps: [stateful] }] }), InvalidNameError);
  });
});
