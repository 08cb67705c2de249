import type * as Rdkafka from 'node-rdkafka';
import { runTransaction } from '../driver-core/run-transaction.ts';
import type { TransactionalProducer } from '../kafka-driver.ts';
import { deliveringProducer } from './delivering-producer.ts';
import type { RdkafkaConfig } from './load-rdkafka.ts';
import { rdkafkaCall } from './rdkafka-call.ts';

export function rdkafkaTransactionalProducer(
  base: RdkafkaConfig,
  timeoutMs: number,
  transactionalId: string,
  consumer: Rdkafka.KafkaConsumer,
): TransactionalProducer {
  const { raw, api } = deliveringProducer({ ...base, 'transactional.id': transactionalId }, timeoutMs);
  const call = (step: (cb: (err: Rdkafka.LibrdKafkaError | null | undefined) => void) => void) =>
    rdkafkaCall<undefined>((cb) => { step((err) => { cb(err, undefined); }); });
  return {
    async connect() {
      await api.connect();
      // Fences older producers of this id and aborts what they left open.
      await call((cb) => { raw.initTransactions(timeoutMs * 6, cb); });
    },
    transaction: (work, next) =>
      runTransaction(
        async () => {
          await call((cb) => { raw.beginTransaction(cb); });
          return {
            producer: api,
            sendOffsets: (offsets) =>
              call((cb) => {
                raw.sendOffsetsToTransaction([{ topic: offsets.topic, partition: offsets.partition, offset: Number(offsets.offset) }], consumer, timeoutMs * 6, cb);
              }),
            commit: () => call((cb) => { raw.commitTransaction(timeoutMs * 6, cb); }),
            abort: () => call((cb) => { raw.abortTransaction(timeoutMs * 6, cb); }),
          };
        },
        work,
        next,
      ),
    disconnect: () => api.disconnect(),
  };
}
