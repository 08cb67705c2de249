import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupCaughtUp } from '../../../../infra/kafka/group-caught-up.ts';
import { InMemoryCluster } from '../../../../infra/kafka/in-memory/in-memory-cluster.ts';
import { createInMemoryDriver } from '../../../../infra/kafka/in-memory/in-memory-driver.ts';
import { until } from '../../../support/in-memory-stack.ts';

const record = (text: string) => ({ key: null, value: Buffer.from(text), partition: 0 });

describe('groupCaughtUp', () => {
  it('is judged by positions: transaction markers after the committed offset leave nothing to read', async () => {
    const cluster = new InMemoryCluster();
    const driver = createInMemoryDriver(cluster);
    const admin = await driver.admin();
    await admin.createTopics([{ topic: 'in', partitions: 1 }, { topic: 'out', partitions: 1 }]);
    const upstream = driver.consumer({ groupId: 'up', topics: ['in'], commitOffsets: 'transaction' }).transactionalProducer('up-0');
    await upstream.connect();
    // Two records and the commit marker: the log ends at 3, a reader commits 2.
    await upstream.transaction((out) => out.send('out', [record('a'), record('b')]), { topic: 'in', partition: 0, offset: '0' });
    assert.equal(await groupCaughtUp(driver, 'down', ['out']), false, 'nothing read yet');

    const consumer = driver.consumer({ groupId: 'down', topics: ['out'] });
    await consumer.run(() => Promise.resolve());
    await until('the records committed', () => cluster.committedOffset('down', { topic: 'out', partition: 0 }) === '2');
    const [position] = await admin.groupPositions('down', 'out');
    assert.deepEqual(position, { topic: 'out', partition: 0, committed: '2', end: '3' });
    assert.equal(await groupCaughtUp(driver, 'down', ['out']), true, 'only the marker is past the committed offset');
    await consumer.disconnect();

    const producer = driver.producer();
    await producer.connect();
    await producer.send('out', [record('c')]);
    assert.equal(await groupCaughtUp(driver, 'down', ['out']), false, 'a record past the marker is still to read');
    assert.equal(await groupCaughtUp(driver, 'down', ['in']), true, 'an empty topic has nothing to read');
  });
});
