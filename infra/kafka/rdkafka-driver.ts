import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Rdkafka from 'node-rdkafka';
import { KafkaClientError } from '../../errors/index.ts';
import type {
  ConsumerOptions,
  IncomingRecord,
  KafkaAdmin,
  KafkaConsumer,
  KafkaDriver,
  KafkaProducer,
  RecordBatch,
  TransactionalProducer,
} from './kafka-driver.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import { PartitionLanes } from './partition-lanes.ts';
import { topicConfig } from './topic-config.ts';

// node-rdkafka is a CommonJS native addon; loading it lazily keeps kafkajs-only processes free of it.
const require = createRequire(import.meta.url);
const loadRdkafka = (): typeof Rdkafka => require('node-rdkafka') as typeof Rdkafka;

export function createRdkafkaDriver(connection: KafkaConnection): KafkaDriver {
  const base = {
    'metadata.broker.list': connection.brokers.join(','),
    'client.id': connection.clientId,
    'socket.connection.setup.timeout.ms': connection.connectTimeoutMs,
  };
  return {
    name: 'rdkafka',
    admin: () => rdkafkaAdmin(base, connection.connectTimeoutMs),
    producer: () => rdkafkaProducer(base, connection.connectTimeoutMs),
    consumer: (options) =>
      rdkafkaConsumer(
        {
          ...base,
          'session.timeout.ms': connection.sessionTimeoutMs,
          'heartbeat.interval.ms': Math.max(500, Math.floor(connection.sessionTimeoutMs / 10)),
          // librdkafka prefetches in the background and stops fetching a partition while its local
          // queue is over these bounds: they, not the processing loop, bound memory under a slow sink.
          'fetch.max.bytes': connection.fetchMaxBytes,
          'max.partition.fetch.bytes': Math.min(connection.fetchMaxBytesPerPartition, connection.fetchMaxBytes),
          'queued.max.messages.kbytes': Math.max(1, Math.floor(connection.fetchMaxBytes / 1024)),
        },
        options,
        connection.connectTimeoutMs,
        base,
        connection.fetchMaxBytesPerPartition,
      ),
    readPartition: (topic, partition, handle) => rdkafkaReadPartition(base, connection.connectTimeoutMs, topic, partition, handle),
  };
}

type BaseConfig = Record<string, string | number>;

function promisify<T>(call: (cb: (err: Rdkafka.LibrdKafkaError | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    call((err, value) => {
      if (err) reject(new KafkaClientError(err.message, err.code, err.isRetriable ?? false, { cause: err }));
      else resolve(value);
    });
  });
}

async function rdkafkaAdmin(base: BaseConfig, timeoutMs: number): Promise<KafkaAdmin> {
  const kafka = loadRdkafka();
  const admin = kafka.AdminClient.create(base);
  // The admin client has no metadata call; a producer handle gives topics and brokers.
  const meta = new kafka.Producer(base);
  await promisify<Rdkafka.Metadata>((cb) => meta.connect({ timeout: timeoutMs }, cb));
  const metadata = () =>
    promisify<Rdkafka.Metadata>((cb) => {
      meta.getMetadata({ allTopics: true, timeout: timeoutMs }, cb);
    });
  return {
    async createTopics(topics) {
      const existing = new Set((await metadata()).topics.map((t) => t.name));
      for (const t of topics.filter((spec) => !existing.has(spec.topic))) {
        await promisify<undefined>((cb) => {
          admin.createTopic(
            { topic: t.topic, num_partitions: t.partitions, replication_factor: t.replicationFactor ?? 1, config: topicConfig(t) },
            timeoutMs,
            (err) => { cb(err, undefined); },
          );
        });
      }
    },
    listTopics: async () => (await metadata()).topics.map((t) => t.name).filter((n) => !n.startsWith('__')),
    async deleteTopics(topics) {
      for (const topic of topics) {
        await promisify<undefined>((cb) => { admin.deleteTopic(topic, timeoutMs, (err) => { cb(err, undefined); }); });
      }
    },
    async describeCluster() {
      const m = await metadata();
      // librdkafka does not expose the cluster id through this binding; the broker ids prove the round trip.
      return { clusterId: '', brokers: m.brokers.map((b) => b.id) };
    },
    async close() {
      admin.disconnect();
      await promisify<unknown>((cb) => meta.disconnect(cb));
    },
  };
}

function rdkafkaProducer(base: BaseConfig, timeoutMs: number): KafkaProducer {
  return deliveringProducer(base, timeoutMs).api;
}

/** A node-rdkafka producer whose `send` resolves once every record's delivery report arrived. */
function deliveringProducer(base: BaseConfig, timeoutMs: number): { raw: Rdkafka.Producer; api: KafkaProducer } {
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
    if (error) entry.failed ??= new KafkaClientError(error.message, error.code, error.isRetriable ?? false, { cause: error });
    entry.remaining -= 1;
    if (entry.remaining === 0) {
      pending.delete(report.opaque as number);
      entry.done(entry.failed);
    }
  });
  const api: KafkaProducer = {
    async connect() {
      await promisify<Rdkafka.Metadata>((cb) => producer.connect({ timeout: timeoutMs }, cb));
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
      await promisify<undefined>((cb) => producer.flush(timeoutMs * 6, (err) => { cb(err, undefined); }));
      await promisify<unknown>((cb) => producer.disconnect(cb));
    },
  };
  return { raw: producer, api };
}

function rdkafkaTransactionalProducer(
  base: BaseConfig,
  timeoutMs: number,
  transactionalId: string,
  consumer: Rdkafka.KafkaConsumer,
): TransactionalProducer {
  const { raw, api } = deliveringProducer({ ...base, 'transactional.id': transactionalId }, timeoutMs);
  const call = (step: (cb: (err: Rdkafka.LibrdKafkaError | null | undefined) => void) => void) =>
    promisify<undefined>((cb) => { step((err) => { cb(err, undefined); }); });
  return {
    async connect() {
      await api.connect();
      // Fences older producers of this id and aborts what they left open.
      await call((cb) => { raw.initTransactions(timeoutMs * 6, cb); });
    },
    async transaction(work, next) {
      await call((cb) => { raw.beginTransaction(cb); });
      try {
        await work(api);
        await call((cb) => {
          raw.sendOffsetsToTransaction([{ topic: next.topic, partition: next.partition, offset: Number(next.offset) }], consumer, timeoutMs * 6, cb);
        });
        await call((cb) => { raw.commitTransaction(timeoutMs * 6, cb); });
      } catch (error) {
        await call((cb) => { raw.abortTransaction(timeoutMs * 6, cb); }).catch(() => undefined);
        throw error;
      }
    },
    disconnect: () => api.disconnect(),
  };
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

function rdkafkaConsumer(
  base: BaseConfig,
  options: ConsumerOptions,
  timeoutMs: number,
  producerBase: BaseConfig,
  maxBytesInHand: number,
): KafkaConsumer {
  const kafka = loadRdkafka();
  const { ERR__ASSIGN_PARTITIONS, ERR__REVOKE_PARTITIONS } = kafka.CODES.ERRORS;
  let owned = new Set<string>();
  let fail: (error: unknown) => void = () => undefined;
  // Rebalance events reach JavaScript asynchronously, possibly while batches are in hand, and are
  // handled one after another; librdkafka rejoins the group only once we unassign.
  let rebalancing: Promise<void> = Promise.resolve();
  const consumer = new kafka.KafkaConsumer(
    {
      ...base,
      'group.id': options.groupId,
      'enable.auto.commit': false,
      // Ends a consume() call at the end of the log: without it, records trickling in under a
      // second apart keep one call collecting up to a full batch, holding early records for seconds.
      'enable.partition.eof': true,
      // Refreshes the cached end offsets that consumer lag is computed from.
      'statistics.interval.ms': 5000,
      rebalance_cb: (err: Rdkafka.LibrdKafkaError, assignment: Rdkafka.Assignment[]) => {
        rebalancing = rebalancing
          .then(async () => {
            if (err.code === ERR__ASSIGN_PARTITIONS) {
              consumer.assign(assignment);
              owned = new Set(assignment.map((a) => partitionId(a.topic, a.partition)));
            } else if (err.code === ERR__REVOKE_PARTITIONS) {
              // Eager rebalancing: everything goes back. Batches not started are left to the next
              // owner; those running finish and commit while this member's generation still holds.
              owned = new Set();
              await lanes.drain();
              lanes.clear();
              options.onRevoked?.(assignment.map((a) => ({ topic: a.topic, partition: a.partition })));
              consumer.unassign();
            }
          })
          .catch((error: unknown) => { fail(error); });
      },
    },
    { 'auto.offset.reset': options.fromBeginning === false ? 'latest' : 'earliest' },
  );
  const lanes = new PartitionLanes(maxBytesInHand, {
    pause: (p) => { consumer.pause([{ topic: p.topic, partition: p.partition }]); },
    resume: (p) => {
      if (owned.has(partitionId(p.topic, p.partition))) consumer.resume([{ topic: p.topic, partition: p.partition }]);
    },
  });
  const state = { running: false };
  let loop: Promise<void> = Promise.resolve();
  return {
    async run(handle, onError) {
      await promisify<Rdkafka.Metadata>((cb) => consumer.connect({ timeout: timeoutMs }, cb));
      consumer.subscribe([...options.topics]);
      state.running = true;
      fail = (error) => {
        if (!state.running) return;
        state.running = false;
        onError?.(error);
      };
      const attempts = new Map<string, number>();
      const processBatch = async (batch: RecordBatch): Promise<void> => {
        const id = partitionId(batch.topic, batch.partition);
        // Fetched before a revocation: the next owner reads it again from the committed offset.
        if (!owned.has(id)) return;
        try {
          await handle(withHighWatermark(consumer, batch));
          attempts.delete(id);
        } catch (error) {
          // As kafkajs does: fetch the batch again after a backoff, and give up only after many tries.
          const attempt = (attempts.get(id) ?? 0) + 1;
          attempts.set(id, attempt);
          if (attempt > MAX_BATCH_ATTEMPTS) {
            fail(error);
            return;
          }
          lanes.discard(batch);
          await refetchAfterBackoff(consumer, batch, attempt, timeoutMs);
          lanes.unblock(batch);
          return;
        }
        const last = batch.records[batch.records.length - 1];
        if (last && options.commitOffsets !== 'transaction') {
          consumer.commitSync({ topic: batch.topic, partition: batch.partition, offset: Number(last.offset) + 1 });
        }
      };
      loop = (async () => {
        // Records per consume() call, sized so that one call holds about one partition's bound:
        // the bound is checked after a batch is in hand, so a call must not overshoot it by much.
        let perCall = MAX_RECORDS_PER_CALL;
        while (state.running) {
          const messages = await promisify<Rdkafka.Message[]>((cb) => { consumer.consume(perCall, cb); });
          let bytes = 0;
          for (const batch of byPartition(messages)) {
            const size = bytesOf(batch);
            bytes += size;
            if (owned.has(partitionId(batch.topic, batch.partition))) lanes.enqueue(batch, size, () => processBatch(batch).catch(fail));
          }
          if (messages.length > 0) {
            perCall = Math.max(MIN_RECORDS_PER_CALL, Math.min(MAX_RECORDS_PER_CALL, Math.floor(maxBytesInHand / Math.max(1, bytes / messages.length))));
          }
        }
      })().catch(fail);
    },
    paused: () => lanes.paused(),
    transactionalProducer: (transactionalId) => rdkafkaTransactionalProducer(producerBase, timeoutMs, transactionalId, consumer),
    async disconnect() {
      state.running = false;
      await loop;
      await lanes.drain();
      await promisify<unknown>((cb) => consumer.disconnect(cb));
      await rebalancing;
    },
  };
}

/** librdkafka's cached end offset (refreshed by its statistics), without a broker round trip. */
function withHighWatermark(consumer: Rdkafka.KafkaConsumer, batch: RecordBatch): RecordBatch {
  try {
    const { highOffset } = consumer.getWatermarkOffsets(batch.topic, batch.partition);
    return highOffset >= 0 ? { ...batch, highWatermark: String(highOffset) } : batch;
  } catch {
    return batch;
  }
}

const MAX_BATCH_ATTEMPTS = 10;
// Records taken from librdkafka's queue per call, at most: enough that a call of small records
// spans several partitions (the queue holds each partition's fetch contiguously), so their tasks
// work concurrently. Partition EOF ends a call early.
const MAX_RECORDS_PER_CALL = 10_000;
const MIN_RECORDS_PER_CALL = 100;

/** Seeks back to the failed batch's first record after an exponential, jittered delay (capped at 30 s). */
async function refetchAfterBackoff(consumer: Rdkafka.KafkaConsumer, batch: RecordBatch, attempt: number, timeoutMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 200 * 2 ** attempt)));
  const first = batch.records[0];
  if (first === undefined) return;
  // A partition revoked meanwhile cannot be sought; its next owner starts from the committed offset.
  await promisify<undefined>((cb) => {
    consumer.seek({ topic: batch.topic, partition: batch.partition, offset: Number(first.offset) }, timeoutMs, (err) => { cb(err, undefined); });
  }).catch(() => undefined);
}

const partitionId = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

const bytesOf = (batch: RecordBatch): number => batch.records.reduce((sum, r) => sum + (r.key?.length ?? 0) + (r.value?.length ?? 0), 0);

/** Assigns the one partition directly (no group, no commits) and reads up to the end offset seen at the start. */
async function rdkafkaReadPartition(
  base: BaseConfig,
  timeoutMs: number,
  topic: string,
  partition: number,
  handle: (records: readonly IncomingRecord[]) => void,
): Promise<void> {
  const kafka = loadRdkafka();
  const consumer = new kafka.KafkaConsumer({ ...base, 'group.id': `shelfstream-restore-${randomUUID()}`, 'enable.auto.commit': false }, {});
  await promisify<Rdkafka.Metadata>((cb) => consumer.connect({ timeout: timeoutMs }, cb));
  try {
    const { lowOffset, highOffset } = await promisify<Rdkafka.WatermarkOffsets>((cb) => {
      consumer.queryWatermarkOffsets(topic, partition, timeoutMs, cb);
    });
    if (lowOffset >= highOffset) return;
    consumer.assign([{ topic, partition, offset: lowOffset }]);
    // position() rather than the last offset seen: compaction leaves gaps, so offset end-1 may not exist.
    while ((consumer.position([{ topic, partition }])[0]?.offset ?? -1) < highOffset) {
      const messages = await promisify<Rdkafka.Message[]>((cb) => { consumer.consume(1000, cb); });
      const batch = byPartition(messages.filter((m) => m.partition === partition && m.offset < highOffset))[0];
      if (batch) handle(batch.records);
    }
  } finally {
    await promisify<unknown>((cb) => consumer.disconnect(cb));
  }
}

/** Splits a fetched list into per-partition batches, keeping each partition's order. */
function byPartition(messages: readonly Rdkafka.Message[]): RecordBatch[] {
  const batches = new Map<string, { topic: string; partition: number; records: IncomingRecord[] }>();
  for (const m of messages) {
    const id = `${m.topic}\u0000${m.partition}`;
    let batch = batches.get(id);
    if (!batch) {
      batch = { topic: m.topic, partition: m.partition, records: [] };
      batches.set(id, batch);
    }
    batch.records.push({
      topic: m.topic,
      partition: m.partition,
      offset: String(m.offset),
      key: m.key === undefined || m.key === null ? null : Buffer.from(m.key),
      value: m.value,
      headers: Object.fromEntries((m.headers ?? []).flatMap((h) => Object.entries(h).map(([k, v]) => [k, Buffer.from(v)]))),
      timestamp: m.timestamp ?? 0,
    });
  }
  return [...batches.values()];
}
