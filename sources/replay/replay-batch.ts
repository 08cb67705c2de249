import type { KafkaProducer, OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import type { AvroSchema } from '../../schemas/avro-schema.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import type { RowError } from '../../errors/index.ts';
import { deadLetterRecord } from '../../schemas/dead-letter/dead-letter-record.ts';

/** The step name replay dead letters carry, as operators carry theirs. */
const REPLAY_STEP = 'replay-csv';

export interface ReplayBatchTarget<T> {
  readonly producer: KafkaProducer;
  readonly serde: AvroSerde;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly schema: AvroSchema<T>;
  /** `sales` or `products`, told in a header of each dead letter. */
  readonly kind: string;
}

/**
 * The rows of a replay not yet sent: events and dead letters, sent together by `send`, which
 * resolves once the broker has acknowledged both, so the caller may then record its progress.
 */
export class ReplayBatch<T> {
  readonly #target: ReplayBatchTarget<T>;
  #events: { key: string; value: T; timestamp: number; headers: Readonly<Record<string, string>> }[] = [];
  #deadLetters: OutgoingRecord[] = [];

  constructor(target: ReplayBatchTarget<T>) {
    this.#target = target;
  }

  get size(): number {
    return this.#events.length + this.#deadLetters.length;
  }

  /** `headers` travel with the record as they are (the row's unknown columns). */
  add(key: string, value: T, timestamp: number, headers: Readonly<Record<string, string>> = {}): void {
    this.#events.push({ key, value, timestamp, headers });
  }

  /** The row's raw text as value, the error and the row's place in headers; no key (the row may have none). */
  deadLetter(raw: string, error: RowError): void {
    this.#deadLetters.push(
      deadLetterRecord(
        { key: null, value: Buffer.from(raw, 'utf8') },
        { code: error.code, message: error.message, step: REPLAY_STEP, field: error.field },
        { file: error.location.file ?? '', line: error.location.line ?? 0, kind: this.#target.kind },
      ),
    );
  }

  /** Encodes and sends everything held, then empties the batch; resolves to what was sent. */
  async send(): Promise<{ produced: number; deadLettered: number }> {
    const { producer, serde, topic, deadLetterTopic, schema } = this.#target;
    const events = this.#events;
    const deadLetters = this.#deadLetters;
    this.#events = [];
    this.#deadLetters = [];
    const records = await Promise.all(
      events.map(async (e) => ({
        key: await serde.serialize(subjectName(topic, 'key'), KEY_SCHEMA, e.key),
        value: await serde.serialize(subjectName(topic, 'value'), schema, e.value),
        timestamp: e.timestamp,
        ...(Object.keys(e.headers).length === 0 ? {} : { headers: e.headers }),
      })),
    );
    await Promise.all([
      records.length > 0 ? producer.send(topic, records) : undefined,
      deadLetters.length > 0 ? producer.send(deadLetterTopic, deadLetters) : undefined,
    ]);
    return { produced: records.length, deadLettered: deadLetters.length };
  }
}
