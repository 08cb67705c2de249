import { Kafka, logLevel } from 'kafkajs';
import type { ShelfstreamConfig } from '../../config/index.ts';

/** The members a consumer group has now, as its coordinator sees them: none once every member left. */
export async function groupMembers(config: ShelfstreamConfig, groupId: string): Promise<string[]> {
  const admin = new Kafka({ brokers: [...config.kafka.brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return (groups[0]?.members ?? []).map((m) => m.memberId);
  } finally {
    await admin.disconnect();
  }
}
