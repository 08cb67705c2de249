import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../../schemas/serde/create-schema-registry-client.ts';
import { expectedRevenue, orderStream } from '../../support/order-stream.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { groupMembers } from '../../support/group-members.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { seededRandom } from '../../support/seeded-random.ts';
import { spawnTopology, type RunningTopology } from '../../support/spawn-topology.ts';
import { uniqueName } from '../../support/unique-name.ts';
import { assertWindowsMatch, readFinalWindows } from '../../support/window-results.ts';

const config = loadConfig();
const START = Date.UTC(2024, 2, 1, 8, 0, 0);

const variants = (['kafkajs', 'rdkafka'] as const).flatMap((driverName) =>
  (['exactly-once', 'at-least-once'] as const).map((guarantee) => ({ driverName, guarantee })),
);

for (const { driverName, guarantee } of variants) {
  describe(`crash recovery on ${driverName}, ${guarantee}`, () => {
    it('SIGKILLed at random points while windows are open, then restarted: every final window equals a direct computation', async () => {
      const driver = createKafkaDriver(config, driverName);
      // The registry of the local stack, shared with the topology process.
      const serde = new AvroSerde(createSchemaRegistryClient(config));
      const app = uniqueName('it-crash').replaceAll('_', '-');
      const orders = { topic: `${app}.orders`, partitions: 3 };
      const output = `${app}.revenue`;
      const admin = await driver.admin();
      await admin.createTopics([orders]);
      await admin.close();

      const args = ['--application-id', app, '--input-topic', orders.topic, '--output-topic', output, '--partitions', '3'];
      // A short session lets the partitions of a killed member move on within seconds.
      const env = {
        SHELFSTREAM_KAFKA_DRIVER: driverName,
        SHELFSTREAM_PROCESSING_GUARANTEE: guarantee,
        SHELFSTREAM_LOG_LEVEL: 'warn',
        SHELFSTREAM_KAFKA_SESSION_TIMEOUT_MS: '6000',
      };
      const random = seededRandom(driverName === 'kafkajs' ? 7 : 11);
      const all = orderStream(6000, 'ORD', START, 12);
      const waves = [all.slice(0, 2000), all.slice(2000, 4000), all.slice(4000)];
      let running: RunningTopology | undefined;
      let kills = 0;
      for (const wave of waves) {
        await produceOrders(driver, serde, orders.topic, wave);
        running = spawnTopology('order-revenue', args, env);
        // Kill without warning at a random moment after this run has committed progress of its own,
        // so every kill lands mid-stream with windows open.
        const before = await committedTotal(config, app, orders.topic);
        await eventually(() => committedTotal(config, app, orders.topic), (now) => now > before, 60_000);
        await new Promise((resolve) => setTimeout(resolve, random.int(0, 800)));
        running.child.kill('SIGKILL');
        assert.equal(await running.exited, 'SIGKILL');
        kills++;
      }
      assert.equal(kills, waves.length);
      const flush = orderStream(3, 'FLUSH', START + 3_600_000, 1, 1);
      for (let p = 0; p < 3; p++) await produceOrders(driver, serde, orders.topic, flush.slice(p, p + 1), p);
      running = spawnTopology('order-revenue', args, env);

      const expected = expectedRevenue(all, 60_000);
      const finals = await eventually(
        () => readFinalWindows(driver, serde, output, orders.partitions),
        (found) => found.size >= expected.size,
        180_000,
      );
      running.child.kill('SIGTERM');
      assert.equal(await running.exited, 0, `graceful stop failed:\n${running.stderr()}`);
      // Drained, committed and gone: nothing left to read again, and no member holding partitions.
      assert.equal(await committedTotal(config, app, orders.topic), BigInt(all.length + flush.length), 'every input offset committed');
      assert.deepEqual(await groupMembers(config, app), [], 'the member left its group');

      // Every window once in effect: re-emissions after a crash must carry identical results.
      assertWindowsMatch(finals, expected);
      assert.equal((await readTopic(driver, `${app}.late`, 3)).length, 0, 'no record became late through the crashes');
      assert.equal((await readTopic(driver, `${app}.dead-letter`, 3)).length, 0);
    });
  });
}
