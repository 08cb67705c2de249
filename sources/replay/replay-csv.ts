import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidOptionError, RowError } from '../../errors/index.ts';
import type { KafkaDriver, OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import type { Logger } from '../../infra/logger.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { extraValues, readCsvHeader, rowValues, type CsvHeader } from './csv-header.ts';
import { readCsvRows, type CsvRecord } from './csv-rows.ts';
import { EventTimePacer, type ReplaySpeed } from './event-time-pacer.ts';
import { extraColumnsHeaders } from './extra-columns.ts';
import { ReplayBatch } from './replay-batch.ts';
import { productsKind, salesKind, type ReplayedRow, type ReplayKind, type ReplayKindName } from './replay-kinds.ts';
import { replayProgressKey, ReplayProgressStore } from './replay-progress-store.ts';
import { progressTopicSpec } from '../source-progress-store.ts';
import type { ReplayTotals } from './replay-totals.ts';

export interface ReplayCsvOptions {
  readonly file: string;
  readonly kind: ReplayKindName;
  readonly topic: string;
  /** Where rows that cannot become records go; `<topic>.dead-letter` when absent. */
  readonly deadLetterTopic?: string;
  readonly driver: KafkaDriver;
  readonly serde: AvroSerde;
  /** N: event time runs N times faster than real time; 'max' (the default): no pacing. */
  readonly speed?: ReplaySpeed;
  /** Records per send; each send is awaited, so at most one batch is in memory. */
  readonly batchSize?: number;
  /** Partitions of the event and dead-letter topics when this replay creates them. */
  readonly partitions?: number;
  readonly progressTopic?: string;
  /** Ignore recorded progress and replay the whole file again. */
  readonly fromStart?: boolean;
  /** Currency of the sales CSV's amounts (USD: see SALES_CSV_CURRENCY). */
  readonly currency?: string;
  /** Stops the replay after the batch in hand; its progress is recorded, so a rerun resumes. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (totals: ReplayTotals) => void;
  /**
   * The control record announcing the end of the input to a partition; when given, one is written
   * to every partition once the whole file is in, so downstream windows learn this bounded input
   * ended and close. The format belongs to the stream operators that read it, hence a parameter.
   */
  readonly endOfInput?: (partition: number) => OutgoingRecord;
  /** Warned once per file about columns it does not know. */
  readonly log?: Logger;
}

const DEFAULT_BATCH = 500;

/**
 * Streams a sales or products CSV into Kafka: each row as an Avro record (subject `<topic>-value`,
 * the order id or ASIN as key, event time as record timestamp), each bad row as its raw text to
 * the dead-letter topic with code, reason, file and line in headers. Event time: a sales order's
 * date at a time of day hashed from its id (see salesEventTime); a listing's search time from its
 * link, else the file's modification time. After every batch is
 * acknowledged the last line done is recorded in the progress topic, and a rerun skips up to it.
 * A crash between a batch and its checkpoint resends that one batch: same keys, values and
 * timestamps, which compacted topics and keyed sinks absorb; a crash before the end is recorded
 * resends the end-of-input records, which say nothing new.
 */
export async function replayCsv(options: ReplayCsvOptions): Promise<ReplayTotals> {
  return options.kind === 'sales' ? replayKind(salesKind(options.currency), options) : replayKind(productsKind(), options);
}

async function replayKind<C extends string, T>(kind: ReplayKind<C, T>, options: ReplayCsvOptions): Promise<ReplayTotals> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new InvalidOptionError('replay', [{ path: 'batchSize', message: 'expected a positive integer' }]);
  const pacer = new EventTimePacer(options.speed ?? 'max');
  const file = path.resolve(options.file);
  const info = await stat(file);
  const deadLetterTopic = options.deadLetterTopic ?? `${options.topic}.dead-letter`;
  const store = new ReplayProgressStore(options.driver, options.progressTopic);
  const partitions = options.partitions ?? 3;
  const admin = await options.driver.admin();
  try {
    await admin.createTopics([{ topic: options.topic, partitions }, { topic: deadLetterTopic, partitions }, progressTopicSpec(store.topic)]);
  } finally {
    await admin.close();
  }
  const key = replayProgressKey({ path: file, size: info.size, mtimeMs: info.mtimeMs }, options.topic);
  const resumed = options.fromStart === true ? undefined : await store.load(key);

  const t = {
    file: options.file, kind: kind.name, topic: options.topic, deadLetterTopic, totalBytes: info.size, bytesRead: 0,
    rowsRead: 0, produced: 0, deadLettered: 0, skipped: 0, nulledValues: 0, extraColumns: [] as string[], unreadableFrom: null as number | null, interrupted: false,
  };
  const snapshot = (): ReplayTotals => ({ ...t, elapsedMs: Date.now() - started });
  // A file replayed before its end was announced is read again (every row skipped) to announce it.
  if (resumed?.done === true && (options.endOfInput === undefined || resumed.endAnnounced === true)) return { ...snapshot(), bytesRead: info.size, rowsRead: resumed.rows, skipped: resumed.rows };

  const producer = options.driver.producer();
  await producer.connect();
  const batch = new ReplayBatch({ producer, serde: options.serde, topic: options.topic, deadLetterTopic, schema: kind.schema, kind: kind.name });
  let lastLine = resumed?.line ?? 0;
  const flush = async (done: boolean): Promise<void> => {
    const sent = await batch.send();
    t.produced += sent.produced;
    t.deadLettered += sent.deadLettered;
    const { endOfInput } = options;
    const announce = done && endOfInput !== undefined;
    if (announce) await producer.send(options.topic, Array.from({ length: partitions }, (_, p) => endOfInput(p)));
    if (sent.produced + sent.deadLettered > 0 || done) {
      await store.save(producer, key, {
        file, size: info.size, mtimeMs: info.mtimeMs, topic: options.topic, line: lastLine, done, updatedAt: Date.now(),
        ...(announce ? { endAnnounced: true } : {}),
        rows: (resumed?.rows ?? 0) + t.produced + t.deadLettered,
        produced: (resumed?.produced ?? 0) + t.produced,
        deadLettered: (resumed?.deadLettered ?? 0) + t.deadLettered,
      });
    }
    options.onProgress?.(snapshot());
  };

  try {
    let header: CsvHeader<C> | undefined;
    for await (const item of readCsvRows(createReadStream(file))) {
      t.bytesRead = item.bytes;
      if (item.kind === 'unreadable') {
        t.rowsRead++;
        t.unreadableFrom = lastLine = item.line;
        batch.deadLetter(item.raw, new RowError('CSV_UNREADABLE', item.reason, { file, line: item.line }));
        break;
      }
      if (header === undefined) {
        header = readCsvHeader(item.fields, kind.columns, file, kind.name);
        t.extraColumns = header.extras.map((e) => e.name);
        if (t.extraColumns.length > 0) {
          options.log?.warn({ file: options.file, kind: kind.name, columns: t.extraColumns }, `unknown columns ${t.extraColumns.map((c) => JSON.stringify(c)).join(', ')}: rows load, and their values travel in each record's extra-columns header`);
        }
        continue;
      }
      t.rowsRead++;
      if (item.line <= (resumed?.line ?? 0)) {
        t.skipped++;
        continue;
      }
      lastLine = item.line;
      const row = parseRow(kind, header, item, file);
      if (row instanceof RowError) {
        batch.deadLetter(item.raw, row);
      } else {
        const timestamp = row.eventTime ?? Math.trunc(info.mtimeMs);
        t.nulledValues += row.nulledValues;
        const delay = pacer.delayFor(timestamp, Date.now());
        if (delay > 0) {
          // Nothing waits in the batch while the clock catches up: downstream sees rows when due.
          await flush(false);
          await sleep(delay, undefined, options.signal === undefined ? {} : { signal: options.signal }).catch(ignoreAbort);
        }
        batch.add(row.key, row.value, timestamp, extraColumnsHeaders(extraValues(header, item)));
      }
      if (batch.size >= batchSize) await flush(false);
      if (options.signal?.aborted === true) {
        t.interrupted = true;
        break;
      }
    }
    if (header === undefined && t.unreadableFrom === null) readCsvHeader([], kind.columns, file, kind.name);
    await flush(!t.interrupted);
  } finally {
    await producer.disconnect();
  }
  return snapshot();
}

/** The row as a record, or the RowError that sends it to the dead-letter topic. */
function parseRow<C extends string, T>(kind: ReplayKind<C, T>, header: CsvHeader<C>, record: CsvRecord, file: string): ReplayedRow<T> | RowError {
  try {
    return kind.parse(rowValues(header, record), { file, line: record.line });
  } catch (error) {
    if (error instanceof RowError) return error;
    throw error;
  }
}

/** An aborted pause ends the replay at the next check of the signal; other errors are real. */
function ignoreAbort(error: unknown): void {
  if (!(error instanceof Error && error.name === 'AbortError')) throw error;
}
