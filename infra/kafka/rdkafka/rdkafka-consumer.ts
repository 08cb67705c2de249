import { setTimeout as sleep } from 'node:timers/promises';
import type * as Rdkafka from 'node-rdkafka';
import { bytesOf, LanedBatchHandler } from '../driver-core/laned-batch-handler.ts';
import { partitionKey } from '../driver-core/partition-key.ts';
import type { ConsumerOptions, KafkaConsumer, RecordBatch } from '../kafka-driver.ts';
import { loadRdkafka, type RdkafkaConfig } from './load-rdkafka.ts';
import { byPartition } from './rdkafka-batches.ts';
import { rdkafkaCall } from './rdkafka-call.ts';
import { rdkafkaTransactionalProducer } from './rdkafka-transactional-producer.ts';

// Records taken from librdkafka's queue per call, at most: enough that a call of small records
// spans several partitions (the queue holds each partition's fetch contiguously), so their tasks
// work concurrently.
const MAX_RECORDS_PER_CALL = 10_000;
const MIN_RECORDS_PER_CALL = 100;
// A consume call takes what librdkafka has fetched and waits for nothing. Waiting inside the call
// cost twice: a call returns only once it holds its count, meets a partition's end (only on an
// empty fetch, which records trickling in never leave) or waits out its timeout, so trickling
// records were held for seconds on every hop (37 s from order to KPI at 500 orders/s); and a
// waiting call holds one of libuv's four threads, which node-rdkafka's transaction calls need
// too, so a process with five idle consumers stalled its commits for minutes. With nothing
// fetched, the loop sleeps in JavaScript instead, a little longer each time up to this.
const IDLE_MAX_MS = 20;

export function rdkafkaConsumer(
  config: RdkafkaConfig,
  options: ConsumerOptions,
  timeoutMs: number,
  producerConfig: RdkafkaConfig,
  maxBytesInHand: number,
): KafkaConsumer {
  const kafka = loadRdkafka();
  const { ERR__ASSIGN_PARTITIONS, ERR__REVOKE_PARTITIONS } = kafka.CODES.ERRORS;
  let fail: (error: unknown) => void = () => undefined;
  // Rebalance events reach JavaScript asynchronously, possibly while batches are in hand, and are
  // handled one after another; librdkafka rejoins the group only once we unassign.
  let rebalancing: Promise<void> = Promise.resolve();
  const consumer = new kafka.KafkaConsumer(
    {
      ...config,
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
              handler.assign(assignment);
              options.onAssigned?.(assignment.map((a) => ({ topic: a.topic, partition: a.partition })));
              consumer.assign(assignment);
            } else if (err.code === ERR__REVOKE_PARTITIONS) {
              // Eager rebalancing: everything goes back. Batches not started are left to the next
              // owner; those running finish and commit while this member's generation still holds.
              handler.assign([]);
              await handler.drain();
              handler.skipQueued();
              options.onRevoked?.(assignment.map((a) => ({ topic: a.topic, partition: a.partition })));
              consumer.unassign();
            }
          })
          .catch((error: unknown) => { fail(error); });
      },
    },
    { 'auto.offset.reset': options.fromBeginning === false ? 'latest' : 'earliest' },
  );
  consumer.setDefaultConsumeTimeout(0);
  // librdkafka drops what it fetched before a seek once the seek is done, but a consume() call
  // running meanwhile may still hand over such records: seeks and consume() calls take turns.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = turn.then(work);
    turn = run.catch(() => undefined);
    return run;
  };
  const handler = new LanedBatchHandler(
    maxBytesInHand,
    {
      pause: (p) => { consumer.pause([{ topic: p.topic, partition: p.partition }]); },
      resume: (p) => {
        if (handler.owns(p)) consumer.resume([{ topic: p.topic, partition: p.partition }]);
      },
      seek: (p, offset) =>
        inTurn(() =>
          rdkafkaCall<undefined>((cb) => {
            consumer.seek({ topic: p.topic, partition: p.partition, offset: Number(offset) }, timeoutMs, (err) => { cb(err, undefined); });
          }),
        ),
      commit: (p, next) => {
        consumer.commitSync({ topic: p.topic, partition: p.partition, offset: Number(next) });
        return Promise.resolve();
      },
    },
    options.commitOffsets,
  );
  const state = { running: false };
  let loop: Promise<void> = Promise.resolve();
  return {
    async run(handle, onError) {
      await rdkafkaCall<Rdkafka.Metadata>((cb) => consumer.connect({ timeout: timeoutMs }, cb));
      consumer.subscribe([...options.topics]);
      state.running = true;
      fail = (error) => {
        if (!state.running) return;
        state.running = false;
        onError?.(error);
      };
      handler.start(handle, fail);
      // Partition EOF events of the running consume() call, emitted before it returns: where each partition's end was met.
      const ends = new Map<string, Rdkafka.EofEvent>();
      consumer.on('partition.eof', (eof) => { ends.set(partitionKey(eof), eof); });
      // Partitions whose last batch handed over did not reach the end: meeting it later is told by an empty batch.
      const behind = new Set<string>();
      loop = (async () => {
        // Records per consume() call, sized so that one call holds about one partition's bound:
        // the bound is checked after a batch is in hand, so a call must not overshoot it by much.
        let perCall = MAX_RECORDS_PER_CALL;
        let idleMs = 0;
        while (state.running) {
          ends.clear();
          const messages = await inTurn(() => rdkafkaCall<Rdkafka.Message[]>((cb) => { consumer.consume(perCall, cb); }));
          idleMs = messages.length === 0 && ends.size === 0 ? Math.min(IDLE_MAX_MS, idleMs + 1) : 0;
          if (idleMs > 0) await sleep(idleMs);
          let bytes = 0;
          const batches = byPartition(messages).map((batch): RecordBatch => {
            const end = ends.get(partitionKey(batch));
            const last = batch.records.at(-1);
            // An end met before more records of the partition came in the same call lies below them.
            return { ...batch, caughtUp: end !== undefined && last !== undefined && end.offset > Number(last.offset) };
          });
          for (const [key, { topic, partition }] of ends) {
            if (behind.has(key) && !batches.some((b) => partitionKey(b) === key)) batches.push({ topic, partition, records: [], caughtUp: true });
          }
          for (const batch of batches) {
            const size = bytesOf(batch);
            bytes += size;
            const key = partitionKey(batch);
            if (batch.caughtUp === true) behind.delete(key);
            else behind.add(key);
            handler.enqueue(batch.records.length > 0 ? withHighWatermark(consumer, batch) : batch, size);
          }
          if (messages.length > 0) {
            perCall = Math.max(MIN_RECORDS_PER_CALL, Math.min(MAX_RECORDS_PER_CALL, Math.floor(maxBytesInHand / Math.max(1, bytes / messages.length))));
          }
        }
      })().catch(fail);
    },
    seek(partition, offset) {
      handler.seek(partition, offset);
    },
    paused: () => handler.paused(),
    transactionalProducer: (transactionalId) => rdkafkaTransactionalProducer(producerConfig, timeoutMs, transactionalId, consumer),
    async committed({ topic, partition }) {
      const [found] = await rdkafkaCall<Rdkafka.TopicPartitionOffset[]>((cb) => { consumer.committed([{ topic, partition }], timeoutMs, cb); });
      // No offset, or a negative one (OFFSET_INVALID), for a partition the group committed nothing in.
      const offset = found?.offset;
      return offset === undefined || offset < 0 ? undefined : String(offset);
    },
    async disconnect() {
      state.running = false;
      await loop;
      await handler.drain();
      await rdkafkaCall<unknown>((cb) => consumer.disconnect(cb));
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
