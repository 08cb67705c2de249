import type { Kafka } from 'kafkajs';
import { runTransaction } from '../driver-core/run-transaction.ts';
import type { TransactionalProducer } from '../kafka-driver.ts';
import { kafkajsCall } from './kafkajs-error.ts';
import { sendInRequests } from './kafkajs-producer.ts';

export function kafkajsTransactionalProducer(kafka: Kafka, transactionalId: string, groupId: string): TransactionalProducer {
  const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
  return {
    // kafkajs initialises the transactional id (fencing older producers) on connect.
    connect: () => kafkajsCall(() => producer.connect()),
    transaction: (work, next) =>
      runTransaction(
        async () => {
          const transaction = await kafkajsCall(() => producer.transaction());
          return {
            producer: {
              connect: () => Promise.resolve(),
              send: (topic, records) => sendInRequests(topic, records, (messages) => transaction.send({ topic, acks: -1, messages })),
              disconnect: () => Promise.resolve(),
            },
            sendOffsets: (offsets) =>
              kafkajsCall(
                () =>
                  transaction.sendOffsets({
                    consumerGroupId: groupId,
                    topics: [{ topic: offsets.topic, partitions: [{ partition: offsets.partition, offset: offsets.offset }] }],
                  }),
                { topic: offsets.topic, partition: offsets.partition, offset: offsets.offset },
              ),
            commit: () => kafkajsCall(() => transaction.commit()),
            abort: () => transaction.abort(),
          };
        },
        work,
        next,
      ),
    disconnect: () => kafkajsCall(() => producer.disconnect()),
  };
}
