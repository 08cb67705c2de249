import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidOptionError } from '../../errors/index.ts';
import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import type { AvroSchema } from '../../schemas/avro-schema.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import { progressTopicSpec, SourceProgressStore } from '../source-progress-store.ts';
import type { GeneratedEvent } from './generated-event.ts';

/** The compacted topic where generator runs record how many of their events are produced. */
export const GENERATOR_PROGRESS_TOPIC = 'shelfstream.generator-progress';

/** How far a generator run got: its events are a pure function of its options, so a count is enough. */
export interface GeneratorCheckpoint {
  readonly produced: number;
}

export interface ProduceGeneratedOptions<T> {
  readonly events: Iterable<GeneratedEvent<T>>;
  readonly schema: AvroSchema<T>;
  readonly topic: string;
  readonly driver: KafkaDriver;
  readonly serde: AvroSerde;
  /** Records per wall-clock second, steady; 'max': as fast as the broker acknowledges. */
  readonly rate: number | 'max';
  readonly batchSize?: number;
  /** Partitions of the topic when it is created here. */
  readonly partitions?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (produced: number, elapsedMs: number) => void;
  /**
   * Identifies this run (kind, seed, count, start, rate of events, topic): a restarted run with the
   * same key skips the events already produced. Absent: no progress is kept.
   */
  readonly resumeKey?: string;
  readonly progressTopic?: string;
}

export interface GeneratedTotals {
  readonly produced: number;
  /** Events a previous run of the same key had produced already. */
  readonly skipped: number;
  readonly elapsedMs: number;
  readonly interrupted: boolean;
}

/** Sends per second at a set rate: small batches keep the flow smooth instead of bursty. */
const SENDS_PER_SECOND = 20;

/**
 * Produces generated events to a topic as Avro (subject `<topic>-value`, string keys under
 * `<topic>-key`, event time as record timestamp) at a steady target rate: record i is not sent
 * before start + i / rate, and every send is awaited, so a slow broker lowers the rate rather
 * than memory filling up. The events carry their own (diurnal) event times whatever the rate.
 */
export async function produceGenerated<T>(options: ProduceGeneratedOptions<T>): Promise<GeneratedTotals> {
  const { rate } = options;
  if (rate !== 'max' && !(rate > 0 && Number.isFinite(rate))) {
    throw new InvalidOptionError('generator', [{ path: 'rate', message: `expected a positive number or 'max', got ${rate}` }]);
  }
  const limit = options.batchSize ?? 500;
  const batchSize = rate === 'max' ? limit : Math.max(1, Math.min(limit, Math.round(rate / SENDS_PER_SECOND)));
  const store = new SourceProgressStore<GeneratorCheckpoint>(options.driver, options.progressTopic ?? GENERATOR_PROGRESS_TOPIC);
  const admin = await options.driver.admin();
  try {
    await admin.createTopics([{ topic: options.topic, partitions: options.partitions ?? 3 }, progressTopicSpec(store.topic)]);
  } finally {
    await admin.close();
  }
  const skipped = options.resumeKey === undefined ? 0 : ((await store.load(options.resumeKey))?.produced ?? 0);
  const producer = options.driver.producer();
  await producer.connect();
  const started = Date.now();
  let produced = 0;
  let batch: GeneratedEvent<T>[] = [];
  const send = async (): Promise<void> => {
    if (rate !== 'max') {
      const due = started + ((produced + batch.length - 1) * 1000) / rate - Date.now();
      if (due > 0) await sleep(due, undefined, options.signal === undefined ? {} : { signal: options.signal }).catch(() => undefined);
    }
    const records = await Promise.all(
      batch.map(async (e) => ({
        key: await options.serde.serialize(subjectName(options.topic, 'key'), KEY_SCHEMA, e.key),
        value: await options.serde.serialize(subjectName(options.topic, 'value'), options.schema, e.value),
        timestamp: e.timestamp,
      })),
    );
    await producer.send(options.topic, records);
    produced += batch.length;
    batch = [];
    // After the events are acknowledged: a crash in between produces a batch twice, never loses one.
    if (options.resumeKey !== undefined) await store.save(producer, options.resumeKey, { produced: skipped + produced });
    options.onProgress?.(produced, Date.now() - started);
  };
  try {
    let index = 0;
    for (const event of options.events) {
      if (index++ < skipped) continue;
      if (options.signal?.aborted === true) break;
      batch.push(event);
      if (batch.length >= batchSize) await send();
    }
    if (batch.length > 0 && options.signal?.aborted !== true) await send();
  } finally {
    await producer.disconnect();
  }
  return { produced, skipped, elapsedMs: Date.now() - started, interrupted: options.signal?.aborted === true };
}
