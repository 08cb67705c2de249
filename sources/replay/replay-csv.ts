import { stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidOptionError } from '../../errors/index.ts';
import type { KafkaDriver, OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import type { Logger } from '../../infra/logger.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { progressTopicSpec } from '../source-progress-store.ts';
import { EventTimePacer, type ReplaySpeed } from './event-time-pacer.ts';
import { readInEventTimeOrder } from './event-time-order.ts';
import { ReplayBatch } from './replay-batch.ts';
import { productsKind, salesKind, type ReplayKind, type ReplayKindName } from './replay-kinds.ts';
import { replayProgressKey, ReplayProgressStore, type FileIdentity } from './replay-progress-store.ts';
import type { ReplayTotals } from './replay-totals.ts';

export interface ReplayCsvOptions {
  /** One input: the rows of every file, of one kind, replayed together in event-time order. */
  readonly files: readonly string[];
  readonly kind: ReplayKindName;
  readonly topic: string;
  /** Where rows that cannot become records go; `<topic>.dead-letter` when absent. */
  readonly deadLetterTopic?: string;
  readonly driver: KafkaDriver;
  readonly serde: AvroSerde;
  /** N: event time runs N times faster than real time; 'max' (the default): no pacing. */
  readonly speed?: ReplaySpeed;
  /** Records per send; each send is awaited before the next. */
  readonly batchSize?: number;
  /** Partitions of the event and dead-letter topics when this replay creates them. */
  readonly partitions?: number;
  readonly progressTopic?: string;
  /** Ignore recorded progress and replay the whole input again. */
  readonly fromStart?: boolean;
  /** Currency of the sales CSV's amounts (USD: see SALES_CSV_CURRENCY). */
  readonly currency?: string;
  /** Stops the replay after the batch in hand; its progress is recorded, so a rerun resumes. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (totals: ReplayTotals) => void;
  /**
   * The control record announcing the end of the input to a partition; when given, one is written
   * to every partition once the whole input is in, so downstream windows learn this bounded input
   * ended and close. The format belongs to the stream operators that read it, hence a parameter.
   */
  readonly endOfInput?: (partition: number) => OutgoingRecord;
  /** Warned once per file about columns it does not know. */
  readonly log?: Logger;
}

const DEFAULT_BATCH = 500;

/**
 * Streams sales or products CSVs into Kafka: each row as an Avro record (subject `<topic>-value`,
 * the order id or ASIN as key, event time as record timestamp), each bad row as its raw text to
 * the dead-letter topic with code, reason, file and line in headers. Event time: a sales order's
 * date at a time of day hashed from its id (see salesEventTime); a listing's search time from its
 * link, else the file's modification time. The rows go out in event-time order over all the files
 * (readInEventTimeOrder says why). After every batch is acknowledged, how many rows of that order
 * are done is recorded in the progress topic, and a rerun of the same files skips them. A crash
 * between a batch and its checkpoint resends that one batch: same keys, values and timestamps,
 * which compacted topics and keyed sinks absorb; a crash before the end is recorded resends the
 * end-of-input records, which say nothing new.
 */
export async function replayCsv(options: ReplayCsvOptions): Promise<ReplayTotals> {
  return options.kind === 'sales' ? replayKind(salesKind(options.currency), options) : replayKind(productsKind(), options);
}

async function replayKind<C extends string, T>(kind: ReplayKind<C, T>, options: ReplayCsvOptions): Promise<ReplayTotals> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new InvalidOptionError('replay', [{ path: 'batchSize', message: 'expected a positive integer' }]);
  if (options.files.length === 0) throw new InvalidOptionError('replay', [{ path: 'files', message: 'expected at least one file' }]);
  const pacer = new EventTimePacer(options.speed ?? 'max');
  const files: FileIdentity[] = await Promise.all(
    options.files.map(async (given) => {
      const file = path.resolve(given);
      const info = await stat(file);
      return { file, size: info.size, mtimeMs: info.mtimeMs };
    }),
  );
  const deadLetterTopic = options.deadLetterTopic ?? `${options.topic}.dead-letter`;
  const store = new ReplayProgressStore(options.driver, options.progressTopic);
  const partitions = options.partitions ?? 3;
  const admin = await options.driver.admin();
  try {
    await admin.createTopics([{ topic: options.topic, partitions }, { topic: deadLetterTopic, partitions }, progressTopicSpec(store.topic)]);
  } finally {
    await admin.close();
  }
  const key = replayProgressKey(files, options.topic);
  const resumed = options.fromStart === true ? undefined : await store.load(key);
  const totalBytes = files.reduce((n, f) => n + f.size, 0);

  const t = {
    file: options.files.join(', '), kind: kind.name, topic: options.topic, deadLetterTopic, totalBytes, bytesRead: 0,
    rowsRead: 0, produced: 0, deadLettered: 0, skipped: 0, nulledValues: 0, extraColumns: [] as readonly string[], unreadableFrom: null as number | null, interrupted: false,
  };
  const snapshot = (): ReplayTotals => ({ ...t, elapsedMs: Date.now() - started });
  // An input replayed before its end was announced is read again (every row skipped) to announce it.
  if (resumed?.done === true && (options.endOfInput === undefined || resumed.endAnnounced === true)) return { ...snapshot(), bytesRead: totalBytes, rowsRead: resumed.position, skipped: resumed.position };

  const input = await readInEventTimeOrder(kind, files, options.log);
  Object.assign(t, { bytesRead: input.bytesRead, rowsRead: input.rows.length, extraColumns: input.extraColumns, unreadableFrom: input.unreadableFrom });
  const done = Math.min(resumed?.position ?? 0, input.rows.length);
  t.skipped = done;
  let position = done;

  const producer = options.driver.producer();
  await producer.connect();
  const batch = new ReplayBatch({ producer, serde: options.serde, topic: options.topic, deadLetterTopic, schema: kind.schema, kind: kind.name });
  const flush = async (end: boolean): Promise<void> => {
    const sent = await batch.send();
    t.produced += sent.produced;
    t.deadLettered += sent.deadLettered;
    const { endOfInput } = options;
    const announce = end && endOfInput !== undefined;
    if (announce) await producer.send(options.topic, Array.from({ length: partitions }, (_, p) => endOfInput(p)));
    if (sent.produced + sent.deadLettered > 0 || end) {
      await store.save(producer, key, {
        files, topic: options.topic, position, done: end, updatedAt: Date.now(),
        ...(announce ? { endAnnounced: true } : {}),
        produced: (resumed?.produced ?? 0) + t.produced,
        deadLettered: (resumed?.deadLettered ?? 0) + t.deadLettered,
      });
    }
    options.onProgress?.(snapshot());
  };

  try {
    options.onProgress?.(snapshot());
    for (const row of input.rows.slice(done)) {
      if (row.kind === 'record') {
        const delay = pacer.delayFor(row.timestamp, Date.now());
        if (delay > 0) {
          // Nothing waits in the batch while the clock catches up: downstream sees rows when due.
          await flush(false);
          await sleep(delay, undefined, options.signal === undefined ? {} : { signal: options.signal }).catch(ignoreAbort);
        }
      }
      position++;
      if (row.kind === 'dead-letter') {
        batch.deadLetter(row.raw, row.error);
      } else {
        t.nulledValues += row.nulledValues;
        batch.add(row.key, row.value, row.timestamp, row.headers);
      }
      if (batch.size >= batchSize) await flush(false);
      if (options.signal?.aborted === true) {
        t.interrupted = true;
        break;
      }
    }
    await flush(!t.interrupted);
  } finally {
    await producer.disconnect();
  }
  return snapshot();
}

/** An aborted pause ends the replay at the next check of the signal; other errors are real. */
function ignoreAbort(error: unknown): void {
  if (!(error instanceof Error && error.name === 'AbortError')) throw error;
}
