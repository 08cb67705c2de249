import { randomUUID } from 'node:crypto';
import kafkajs, { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { flagOf, settings } from '../../config/index.ts';
import { ConfigError } from '../../errors/index.ts';
import type { KafkaConnection } from '../../infra/kafka/kafka-connection.ts';
import { registryErrors } from './registry-errors.ts';
import type { LogEntry } from './registry-state.ts';

export interface SchemaLogOptions {
  readonly topic: string;
  readonly connection: KafkaConnection;
  readonly replicationFactor: number;
  /** How long a catch-up or an append may wait for the log before failing. */
  readonly timeoutMs: number;
}

export interface LogWrite {
  readonly key: string;
  /** null writes a tombstone. */
  readonly value: string | null;
}

const TOPIC_SETTING = { env: settings.schemaRegistryTopic.env, flag: `--${flagOf(settings.schemaRegistryTopic.env)}` };

/**
 * The `_schemas` topic: one partition, compacted, created when missing. Reads it from the
 * beginning and keeps tailing it, handing every record to `onEntry` in offset order; appends
 * records and waits until they have come back through the tail, so the state has applied them.
 *
 * Uses kafkajs directly, not the project's KafkaDriver: it needs the log end offset and the
 * offsets of its own appends, which the driver interface does not expose. The consumer group is
 * unique per process and commits nothing: every start reads the whole log.
 */
export class SchemaLog {
  readonly #options: SchemaLogOptions;
  readonly #onEntry: (entry: LogEntry) => void;
  readonly #kafka: Kafka;
  readonly #admin: Admin;
  readonly #producer: Producer;
  readonly #consumer: Consumer;
  readonly #groupId: string;
  #position = 0;
  #failure: Error | undefined;
  #waiters: { offset: number; resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(options: SchemaLogOptions, onEntry: (entry: LogEntry) => void) {
    this.#options = options;
    this.#onEntry = onEntry;
    this.#kafka = new Kafka({
      clientId: `${options.connection.clientId}-schema-registry`,
      brokers: [...options.connection.brokers],
      connectionTimeout: options.connection.connectTimeoutMs,
      requestTimeout: Math.max(options.connection.connectTimeoutMs, 30_000),
      logLevel: logLevel.NOTHING,
      retry: { retries: 5, initialRetryTime: 200 },
    });
    this.#admin = this.#kafka.admin();
    this.#producer = this.#kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.#groupId = `${options.connection.clientId}-schema-registry-${randomUUID()}`;
    this.#consumer = this.#kafka.consumer({ groupId: this.#groupId });
  }

  /** Connects, creates or checks the topic and reads it to its current end. */
  async open(): Promise<void> {
    await this.#admin.connect();
    await this.#ensureTopic();
    await this.#producer.connect();
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topics: [this.#options.topic], fromBeginning: true });
    this.#consumer.on(this.#consumer.events.CRASH, (event) => {
      if (!event.payload.restart) this.#fail(event.payload.error);
    });
    await this.#consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          this.#onEntry({
            offset,
            key: message.key === null ? '' : message.key.toString('utf8'),
            value: message.value === null ? null : message.value.toString('utf8'),
          });
          this.#advance(offset + 1);
        }
        // Control records and compaction gaps at the end of a batch count as read too.
        this.#advance(Number(batch.lastOffset()) + 1);
        await Promise.resolve();
      },
    });
    await this.catchUp();
  }

  /** The next offset to read: every record before it has been handed to `onEntry`. */
  get position(): number {
    return this.#position;
  }

  /** Waits until every record appended before this call has been handed to `onEntry`. */
  async catchUp(): Promise<void> {
    const offsets = await this.#admin.fetchTopicOffsets(this.#options.topic);
    await this.#reach(Number(offsets.find((o) => o.partition === 0)?.high ?? 0));
  }

  /** Appends records in one batch and waits until they are applied; resolves with the first one's offset. */
  async append(records: readonly LogWrite[]): Promise<number> {
    const [metadata] = await this.#producer.send({
      topic: this.#options.topic,
      acks: -1,
      messages: records.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
    });
    const base = Number(metadata?.baseOffset);
    if (!Number.isInteger(base)) throw new Error(`the broker did not report the offset of the append to ${this.#options.topic}`);
    await this.#reach(base + records.length);
    return base;
  }

  async close(): Promise<void> {
    this.#fail(new Error('the schema log is closed'));
    await Promise.allSettled([this.#consumer.disconnect(), this.#producer.disconnect()]);
    // The group was this process's alone and committed nothing: leave no trace of it.
    await Promise.allSettled([this.#admin.deleteGroups([this.#groupId])]);
    await Promise.allSettled([this.#admin.disconnect()]);
  }

  async #ensureTopic(): Promise<void> {
    const { topic, replicationFactor } = this.#options;
    await this.#admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 1,
          replicationFactor,
          // Room for a large schema once JSON-escaped inside the record value.
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'max.message.bytes', value: String(4 * 1024 * 1024) },
          ],
        },
      ],
    });
    const [metadata] = (await this.#admin.fetchTopicMetadata({ topics: [topic] })).topics;
    const partitions = metadata?.partitions.length ?? 0;
    if (partitions !== 1) {
      throw new ConfigError([{ ...TOPIC_SETTING, message: `topic ${topic} has ${partitions} partitions; the schema log needs exactly 1` }]);
    }
    const described = await this.#admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
    });
    const policy = described.resources[0]?.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue;
    if (policy !== 'compact') {
      throw new ConfigError([
        { ...TOPIC_SETTING, message: `topic ${topic} has cleanup.policy=${policy ?? '?'}; the schema log must be compacted, never deleted by time` },
      ]);
    }
  }

  #advance(position: number): void {
    if (position <= this.#position) return;
    this.#position = position;
    const ready = this.#waiters.filter((w) => w.offset <= position);
    this.#waiters = this.#waiters.filter((w) => w.offset > position);
    for (const waiter of ready) waiter.resolve();
  }

  #fail(error: Error): void {
    this.#failure = error;
    for (const waiter of this.#waiters) waiter.reject(error);
    this.#waiters = [];
  }

  async #reach(offset: number): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#position >= offset) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.#waiters.push({ offset, resolve, reject });
        timer = setTimeout(() => {
          reject(
            registryErrors.operationTimeout(
              `Operation timed out: read ${this.#options.topic} up to offset ${this.#position}, waited ${this.#options.timeoutMs} ms for ${offset}`,
            ),
          );
        }, this.#options.timeoutMs);
      });
    } finally {
      clearTimeout(timer);
    }
  }
}
