import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type KafkaMessage } from 'kafkajs';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { kafkajsCall } from '../../infra/kafka/kafkajs/kafkajs-error.ts';
import { ReadPositionError } from '../../errors/index.ts';
import type { GroupLag, PartitionOffsets, SeekStart, TopicOverview, TopicSummary } from '../web/src/api-types.ts';

/** A record as read, before decoding. */
export interface RawMessage {
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

/** Where a seek starts: an offset of one partition, or a time on every partition. */
export type SeekPosition = { readonly partition: number; readonly offset: bigint } | { readonly timestampMs: number };

/** What a seek read: the partitions' offsets, where each partition's read began, its records. */
export interface SeekRead {
  readonly partitions: readonly PartitionOffsets[];
  readonly starts: readonly SeekStart[];
  readonly messages: readonly RawMessage[];
}

/** Longest a read of the latest records waits before answering with what it has. */
const READ_DEADLINE_MS = 15_000;

const isDeadLetterTopic = (topic: string): boolean => /dead[-_.]?letter|\.dlq$/i.test(topic);
// The runtime names its late records' topic `<application id>.late`.
const isLateTopic = (topic: string): boolean => topic.endsWith('.late');

/**
 * The console's view of Kafka through kafkajs' admin client, which has what the project's driver
 * interface leaves out (watermarks, groups, committed offsets). Its own client, with few retries,
 * so a broker that is down shows as an error panel within seconds rather than a spinner.
 */
export class KafkaBrowser {
  readonly #kafka: Kafka;

  constructor(config: ShelfstreamConfig) {
    this.#kafka = new Kafka({
      clientId: `${config.kafka.clientId}-console`,
      brokers: [...config.kafka.brokers],
      connectionTimeout: config.connectTimeoutMs,
      requestTimeout: Math.max(config.connectTimeoutMs, 30_000),
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2_000 },
    });
  }

  overview(): Promise<TopicOverview> {
    return this.#withAdmin(async (admin) => {
      const names = (await admin.listTopics()).sort();
      const topics = await Promise.all(names.map(async (topic) => this.#summary(admin, topic)));
      const ends = new Map(topics.map((t) => [t.topic, t.partitions]));
      const listed = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
      const described = listed.length === 0 ? [] : (await admin.describeGroups(listed)).groups;
      const groups = await Promise.all(described.map(async (g) => groupLag(admin, g.groupId, g.state, g.members.length, ends)));
      return { topics, groups };
    });
  }

  partitions(topic: string): Promise<PartitionOffsets[]> {
    return this.#withAdmin(async (admin) => (await this.#summary(admin, topic)).partitions.slice());
  }

  /** The last `limit` records of every partition, newest first; a throwaway group that commits nothing. */
  async latest(topic: string, limit: number): Promise<RawMessage[]> {
    const partitions = await this.partitions(topic);
    const wanted = new Map(
      partitions
        .filter((p) => BigInt(p.end) > BigInt(p.start))
        .map((p) => {
          const from = BigInt(p.end) - BigInt(limit);
          return [p.partition, { from: from > BigInt(p.start) ? from : BigInt(p.start), end: BigInt(p.end) }] as const;
        }),
    );
    const read = await this.#read(topic, wanted);
    return read.sort((a, b) => Number(b.timestamp) - Number(a.timestamp) || a.partition - b.partition || Number(BigInt(b.offset) - BigInt(a.offset)));
  }

  /**
   * Up to `limit` records of each partition read, oldest first, from an offset of one partition
   * or from the first record at or after a time on every partition (Kafka's offsets for times).
   */
  async seek(topic: string, position: SeekPosition, limit: number): Promise<SeekRead> {
    const [partitions, starts] = await this.#withAdmin(async (admin) => {
      const found = (await this.#summary(admin, topic)).partitions;
      if ('offset' in position) return [found, [{ partition: position.partition, offset: startOf(topic, found, position) }]] as const;
      const times = await admin.fetchTopicOffsetsByTimestamp(topic, position.timestampMs);
      return [found, times.map((t) => ({ partition: t.partition, offset: t.offset })).sort((a, b) => a.partition - b.partition)] as const;
    });
    const wanted = new Map(
      starts.flatMap(({ partition, offset }) => {
        const end = BigInt(partitions.find((p) => p.partition === partition)?.end ?? '0');
        const from = BigInt(offset);
        const until = from + BigInt(limit) < end ? from + BigInt(limit) : end;
        return from >= 0n && from < until ? [[partition, { from, end: until }] as const] : [];
      }),
    );
    const read = await this.#read(topic, wanted);
    read.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    return { partitions, starts, messages: read };
  }

  /** The records in `[from, end)` of each partition of `wanted`; a throwaway group that commits nothing. */
  async #read(topic: string, wanted: ReadonlyMap<number, { readonly from: bigint; readonly end: bigint }>): Promise<RawMessage[]> {
    if (wanted.size === 0) return [];
    const groupId = `shelfstream-console-${randomUUID()}`;
    const consumer = this.#kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
    const read: RawMessage[] = [];
    // A batch fetched before the seek took effect may come again after it.
    const seen = new Set<string>();
    const pending = new Set(wanted.keys());
    await kafkajsCall(() => consumer.connect(), { topic });
    try {
      await kafkajsCall(() => consumer.subscribe({ topics: [topic], fromBeginning: true }), { topic });
      await new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(resolve, READ_DEADLINE_MS);
        const reached = (partition: number, lastOffset: string) => {
          const range = wanted.get(partition);
          if (range !== undefined && BigInt(lastOffset) + 1n >= range.end) pending.delete(partition);
          if (pending.size === 0) {
            clearTimeout(deadline);
            resolve();
          }
        };
        consumer.on(consumer.events.CRASH, (event) => {
          clearTimeout(deadline);
          reject(event.payload.error);
        });
        consumer.on(consumer.events.GROUP_JOIN, () => {
          for (const [partition, range] of wanted) consumer.seek({ topic, partition, offset: range.from.toString() });
        });
        // Told for every batch, including those holding only transaction markers, which never reach eachBatch.
        consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
          reached(event.payload.partition, event.payload.lastOffset);
        });
        consumer
          .run({
            autoCommit: false,
            eachBatch: ({ batch }) => {
              const range = wanted.get(batch.partition);
              if (range === undefined) return Promise.resolve();
              for (const m of batch.messages) {
                const offset = BigInt(m.offset);
                if (offset >= range.from && offset < range.end && !seen.has(`${batch.partition}@${m.offset}`)) {
                  seen.add(`${batch.partition}@${m.offset}`);
                  read.push(raw(batch.partition, m));
                }
              }
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await this.#withAdmin((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
    }
    return read;
  }

  /** The names of the cluster's topics. */
  topicNames(): Promise<string[]> {
    return this.#withAdmin((admin) => admin.listTopics());
  }

  async #summary(admin: Admin, topic: string): Promise<TopicSummary> {
    // One after the other: the metadata's error names a missing topic at once, and no second call is left retrying
    // for it on the same admin (a CI run saw such a read hang past 30 s).
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const offsets = await admin.fetchTopicOffsets(topic);
    const leaders = new Map((metadata.topics[0]?.partitions ?? []).map((p) => [p.partitionId, p.leader]));
    const partitions = offsets
      .map((o) => ({ partition: o.partition, start: o.low, end: o.high, leader: leaders.get(o.partition) ?? -1 }))
      .sort((a, b) => a.partition - b.partition);
    const messages = partitions.reduce((sum, p) => sum + BigInt(p.end) - BigInt(p.start), 0n);
    return { topic, partitions, messages: messages.toString(), deadLetter: isDeadLetterTopic(topic), late: isLateTopic(topic) };
  }

  async #withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.#kafka.admin();
    await kafkajsCall(() => admin.connect());
    try {
      return await kafkajsCall(() => work(admin));
    } finally {
      await admin.disconnect();
    }
  }
}

async function groupLag(admin: Admin, group: string, state: string, members: number, ends: ReadonlyMap<string, readonly PartitionOffsets[]>): Promise<GroupLag> {
  const committed = await admin.fetchOffsets({ groupId: group });
  const topics = committed.flatMap(({ topic, partitions }) =>
    partitions
      .filter((p) => p.offset !== '-1')
      .map((p) => {
        const end = ends.get(topic)?.find((e) => e.partition === p.partition)?.end ?? p.offset;
        const lag = BigInt(end) - BigInt(p.offset);
        return { topic, partition: p.partition, committed: p.offset, end, lag: (lag > 0n ? lag : 0n).toString() };
      }),
  );
  const totalLag = topics.reduce((sum, t) => sum + BigInt(t.lag), 0n).toString();
  return { group, state, members, topics, totalLag };
}

/** The offset a read of one partition starts at, refused when the partition lacks it (deleted by retention, or not written yet). */
function startOf(topic: string, partitions: readonly PartitionOffsets[], position: { readonly partition: number; readonly offset: bigint }): string {
  const found = partitions.find((p) => p.partition === position.partition);
  if (found === undefined) {
    throw new ReadPositionError(topic, `it has no partition ${position.partition} (partitions 0 to ${partitions.length - 1})`);
  }
  if (position.offset < BigInt(found.start) || position.offset >= BigInt(found.end)) {
    const range = found.start === found.end ? `it holds no record (next offset ${found.end})` : `it holds offsets ${found.start} to ${BigInt(found.end) - 1n}`;
    throw new ReadPositionError(topic, `offset ${position.offset} is out of range of partition ${position.partition}: ${range}`);
  }
  return position.offset.toString();
}

function raw(partition: number, m: KafkaMessage): RawMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = Buffer.isBuffer(first) ? first.toString('utf8') : first;
  }
  return { partition, offset: m.offset, timestamp: m.timestamp, key: m.key, value: m.value, headers };
}
