/** A record to produce. Keys and values are bytes: encoding belongs to the serdes, not the driver. */
export interface OutgoingRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, Buffer | string>>;
  readonly partition?: number;
  readonly timestamp?: number;
}

/** A record as fetched, with its origin, so any outcome can point back at it. */
export interface IncomingRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer>>;
  readonly timestamp: number;
}

/** Records of one partition fetched together; processed in order, committed after the handler resolves. */
export interface RecordBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly IncomingRecord[];
  /** The partition's end offset when the batch was fetched, when the driver knows it: lag = end - next offset. */
  readonly highWatermark?: string;
  /**
   * The batch reaches the partition's end as fetched (transaction markers after it included): no
   * more input is pending now. A driver that learns so only after handing the last records over
   * hands an empty batch with it. Undefined: the driver cannot tell.
   */
  readonly caughtUp?: boolean;
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
  readonly config?: Readonly<Record<string, string>>;
}

/** How far a consumer group got in one partition, beside the partition's end. */
export interface GroupPosition {
  readonly topic: string;
  readonly partition: number;
  /** The group's committed offset (the next offset it reads), or undefined when it committed none. */
  readonly committed: string | undefined;
  /** The log end offset, transaction markers included: offsets below it may hold no readable record. */
  readonly end: string;
}

export interface KafkaAdmin {
  /** Creates the topics that do not exist yet; existing topics are left as they are. */
  createTopics(topics: readonly TopicSpec[]): Promise<void>;
  listTopics(): Promise<string[]>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** Broker ids and the cluster id: a real round trip, used as the health check. */
  describeCluster(): Promise<{ clusterId: string; brokers: number[] }>;
  /**
   * The group's position in every partition of `topic`. Each end offset is read before the
   * committed offsets, so a committed offset at the end means the group had read all that was there.
   */
  groupPositions(groupId: string, topic: string): Promise<GroupPosition[]>;
  close(): Promise<void>;
}

export interface KafkaProducer {
  connect(): Promise<void>;
  /** Resolves when every record is acknowledged by the broker (acks=all). */
  send(topic: string, records: readonly OutgoingRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface ConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning?: boolean;
  /**
   * Partitions this member no longer owns after a rebalance, told before it processes anything
   * newer, so state kept for them can be dropped (it is rebuilt from changelogs by the next owner).
   */
  readonly onRevoked?: (partitions: readonly TopicPartition[]) => void;
  /** Every partition this member owns after a rebalance, told before any of them is fetched. */
  readonly onAssigned?: (partitions: readonly TopicPartition[]) => void;
  /**
   * `transaction`: the consumer never commits; each batch's offsets are committed inside the
   * handler's transaction (see `KafkaConsumer.transactionalProducer`). Default `consumer`.
   */
  readonly commitOffsets?: 'consumer' | 'transaction';
}

/**
 * A producer whose writes and the consumer's offsets commit atomically: read-process-write with
 * exactly-once results between Kafka topics. One per task, its transactional id naming the task,
 * so a new owner of the partition fences a zombie one.
 */
export interface TransactionalProducer {
  /** Fences older producers of the same id and aborts their open transactions. */
  connect(): Promise<void>;
  /** Runs `work` in one transaction that also commits the consumer's next offset for the partition. */
  transaction(work: (producer: KafkaProducer) => Promise<void>, next: { topic: string; partition: number; offset: string }): Promise<void>;
  disconnect(): Promise<void>;
}

export interface KafkaConsumer {
  /**
   * Joins the group and calls `handle` per fetched batch: one batch per partition at a time, batches
   * of different partitions concurrently.
   * Offsets of a batch are committed only after `handle` resolves (at-least-once).
   * Resolves once the consumer is running; errors of `handle` stop the consumer and reach `onError`.
   */
  run(handle: (batch: RecordBatch) => Promise<void>, onError?: (error: unknown) => void): Promise<void>;
  /**
   * Moves a partition's position: its next batch starts at `offset`, and batches of it fetched
   * before the call are dropped. How a task starts past the records its sinks already hold durably.
   */
  seek(partition: TopicPartition, offset: string): void;
  /** Partitions whose fetching is paused now because their batches wait on sinks (backpressure). */
  paused(): TopicPartition[];
  /** A transactional producer whose transactions commit this consumer's offsets. */
  transactionalProducer(transactionalId: string): TransactionalProducer;
  /**
   * The group's committed offset of a partition (the next offset to read), read afresh; undefined
   * when the group committed none. A task asks once its transactional producer has fenced the
   * partition's previous owner, whose last transaction is complete by then: kafkajs reads where a
   * partition starts without KIP-447's require_stable, so it may have started below that commit.
   */
  committed(partition: TopicPartition): Promise<string | undefined>;
  /** Stops fetching, waits for the batch in hand, commits, and leaves the group. */
  disconnect(): Promise<void>;
}

/** What the rest of the project sees of Kafka: one interface, a kafkajs and a node-rdkafka implementation. */
export interface KafkaDriver {
  readonly name: 'kafkajs' | 'rdkafka' | 'in-memory';
  admin(): Promise<KafkaAdmin>;
  producer(): KafkaProducer;
  consumer(options: ConsumerOptions): KafkaConsumer;
  /**
   * Reads one partition from its first offset (or `from`) to its last offset as of the call, in
   * order, outside any consumer group, as a read_committed consumer: how a state store is restored
   * from its changelog, and how records past a group's committed offset are told from transaction markers.
   */
  readPartition(topic: string, partition: number, handle: (records: readonly IncomingRecord[]) => void, from?: string): Promise<void>;
}
