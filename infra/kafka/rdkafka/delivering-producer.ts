import type * as Rdkafka from 'node-rdkafka';
import type { KafkaProducer } from '../kafka-driver.ts';
import { loadRdkafka, type RdkafkaConfig } from './load-rdkafka.ts';
import { rdkafkaCall, rdkafkaError } from './rdkafka-call.ts';

/** A node-rdkafka producer whose `send` resolves once every record's delivery report arrived. */
export function deliveringProducer(base: RdkafkaConfig, timeoutMs: number): { raw: Rdkafka.Producer; api: KafkaProducer } {
  const kafka = loadRdkafka();
  // Idempotence implies acks=all, so a delivery report means the record is durable.
  // murmur2 partitions keys as Java clients and kafkajs do, so both drivers agree on co-partitioning.
  const producer = new kafka.Producer({ ...base, dr_cb: true, 'enable.idempotence': true, 'linger.ms': 5 }, { partitioner: 'murmur2_random' });
  const pending = new Map<number, { remaining: number; failed?: Error; done: (error?: Error) => void }>();
  let nextSend = 0;
  // Delivery reports arrive only when the binding is polled. A fixed poll interval adds up to that
  // interval to every awaited send, and a task awaits its sends before it commits: poll every
  // millisecond while a send waits, and not at all otherwise.
  let polling = false;
  const pollWhilePending = () => {
    if (polling) return;
    polling = true;
    const tick = () => {
      // A producer disconnected meanwhile has nothing more to report; its sends fail on their own.
      if (pending.size === 0 || !producer.isConnected()) {
        polling = false;
        return;
      }
      producer.poll();
      setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
  };
  // The binding types the error as always present; it is null for a successful delivery.
  producer.on('delivery-report', (error: Rdkafka.LibrdKafkaError | null, report) => {
    const entry = pending.get(report.opaque as number);
    if (!entry) return;
    if (error) entry.failed ??= rdkafkaError(error);
    entry.remaining -= 1;
    if (entry.remaining === 0) {
      pending.delete(report.opaque as number);
      entry.done(entry.failed);
    }
  });
  const api: KafkaProducer = {
    async connect() {
      await rdkafkaCall<Rdkafka.Metadata>((cb) => producer.connect({ timeout: timeoutMs }, cb));
    },
    async send(topic, records) {
      if (records.length === 0) return;
      const id = nextSend++;
      const delivered = new Promise<void>((resolve, reject) => {
        pending.set(id, { remaining: records.length, done: (error) => { if (error) reject(error); else resolve(); } });
      });
      pollWhilePending();
      for (const r of records) {
        const headers = r.headers === undefined ? undefined : Object.entries(r.headers).map(([k, v]) => ({ [k]: v }));
        await produceWithBackpressure(producer, () => {
          producer.produce(topic, r.partition ?? null, nonEmpty(r.value), r.key === null ? undefined : nonEmpty(r.key), r.timestamp ?? null, id, headers);
        });
      }
      await delivered;
    },
    async disconnect() {
      await rdkafkaCall<undefined>((cb) => producer.flush(timeoutMs * 6, (err) => { cb(err, undefined); }));
      await rdkafkaCall<unknown>((cb) => producer.disconnect(cb));
    },
  };
  return { raw: producer, api };
}

/**
 * The binding passes a zero-length Buffer on as a null pointer, so librdkafka would write a
 * tombstone where the caller meant empty bytes. A zero-length view into a larger buffer has a
 * real address and reaches the broker as the empty value it is.
 */
function nonEmpty(bytes: Buffer | null): Buffer | null {
  return bytes !== null && bytes.length === 0 ? EMPTY_VIEW : bytes;
}
const EMPTY_VIEW = Buffer.alloc(1).subarray(0, 0);

// librdkafka rejects with QUEUE_FULL when its local queue is full: wait for deliveries, then retry.
async function produceWithBackpressure(producer: Rdkafka.Producer, produce: () => void): Promise<void> {
  for (;;) {
    try {
      produce();
      return;
    } catch (error) {
      if ((error as { code?: number }).code !== loadRdkafka().CODES.ERRORS.ERR__QUEUE_FULL) throw error;
      producer.poll();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
