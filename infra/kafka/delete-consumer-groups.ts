import kafkajs from 'kafkajs';
import type { KafkaConnection } from './kafka-connection.ts';
import { kafkajsCall } from './kafkajs/kafkajs-error.ts';

/**
 * Deletes consumer groups and with them every offset they committed, so their next members start
 * at the earliest offset of every topic they read (both drivers reset to earliest when a group has
 * none). The groups live on the broker, so kafkajs' admin serves whichever driver runs them; a
 * group must have no member. A group that does not exist is passed over.
 */
export async function deleteConsumerGroups(connection: KafkaConnection, groupIds: readonly string[]): Promise<void> {
  const admin = new kafkajs.Kafka({ clientId: connection.clientId, brokers: [...connection.brokers], connectionTimeout: connection.connectTimeoutMs, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await kafkajsCall(() => admin.connect());
  try {
    const existing = new Set((await kafkajsCall(() => admin.listGroups())).groups.map((g) => g.groupId));
    const doomed = groupIds.filter((g) => existing.has(g));
    if (doomed.length > 0) await kafkajsCall(() => admin.deleteGroups(doomed));
  } finally {
    await kafkajsCall(() => admin.disconnect());
  }
}
