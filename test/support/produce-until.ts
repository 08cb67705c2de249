import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import type { TimedOrder } from './order-stream.ts';
import { produceOrders } from './produce-orders.ts';

/**
 * Trickles `orders` in chunks, a pause between them, until `done` holds; returns how many were
 * produced. For a group change to meet live traffic: a member that joins only gets records
 * produced after the rebalance, so the test keeps producing until it has them.
 */
export async function produceUntil(
  driver: KafkaDriver,
  serde: AvroSerde,
  topic: string,
  orders: readonly TimedOrder[],
  done: () => Promise<boolean>,
  options: { chunk?: number; pauseMs?: number } = {},
): Promise<number> {
  const chunk = options.chunk ?? 30;
  let produced = 0;
  while (produced < orders.length && !(await done())) {
    await produceOrders(driver, serde, topic, orders.slice(produced, produced + chunk));
    produced = Math.min(orders.length, produced + chunk);
    await sleep(options.pauseMs ?? 500);
  }
  return produced;
}
