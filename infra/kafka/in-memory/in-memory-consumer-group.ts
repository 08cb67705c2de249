import type { TopicPartition } from '../kafka-driver.ts';

/** A member as its group sees it: what it subscribes to, and how it is told its partitions. */
export interface GroupMember {
  readonly id: string;
  readonly topics: readonly string[];
  /** Called on every rebalance with the member's whole new assignment. */
  assign(partitions: readonly TopicPartition[]): void;
}

export const partitionKey = (p: TopicPartition): string => `${p.topic}\u0000${p.partition}`;

/**
 * A consumer group: its members, who owns which partition, and the committed offsets. Any join or
 * leave rebalances (eagerly, round robin over the subscribed partitions in join order). A
 * partition's new owner starts only once the old owner has let go of it (its batch in hand
 * finished and committed), as a real rebalance waits for every member to rejoin.
 */
export class ConsumerGroup {
  readonly id: string;
  readonly #partitionsOf: (topic: string) => number | undefined;
  readonly #members: GroupMember[] = [];
  // Committed offsets by topic, then partition.
  readonly #committed = new Map<string, Map<number, bigint>>();
  readonly #holders = new Map<string, string>();

  constructor(id: string, partitionsOf: (topic: string) => number | undefined) {
    this.id = id;
    this.#partitionsOf = partitionsOf;
  }

  get members(): readonly string[] {
    return this.#members.map((m) => m.id);
  }

  join(member: GroupMember): void {
    this.#members.push(member);
    this.rebalance();
  }

  leave(memberId: string): void {
    const index = this.#members.findIndex((m) => m.id === memberId);
    if (index >= 0) this.#members.splice(index, 1);
    for (const [key, holder] of this.#holders) if (holder === memberId) this.#holders.delete(key);
    this.rebalance();
  }

  /** Splits the partitions of every subscribed topic over the members subscribed to it, and tells each member. */
  rebalance(): void {
    const assignments = new Map<string, TopicPartition[]>(this.#members.map((m) => [m.id, []]));
    const topics = [...new Set(this.#members.flatMap((m) => m.topics))].sort();
    let turn = 0;
    for (const topic of topics) {
      const subscribers = this.#members.filter((m) => m.topics.includes(topic));
      for (let partition = 0; partition < (this.#partitionsOf(topic) ?? 0); partition++) {
        const member = subscribers[turn++ % subscribers.length];
        if (member !== undefined) assignments.get(member.id)?.push({ topic, partition });
      }
    }
    for (const member of [...this.#members]) member.assign(assignments.get(member.id) ?? []);
  }

  committed(p: TopicPartition): bigint | undefined {
    return this.#committed.get(p.topic)?.get(p.partition);
  }

  commit(p: TopicPartition, offset: bigint): void {
    const offsets = this.#committed.get(p.topic) ?? new Map<number, bigint>();
    offsets.set(p.partition, offset);
    this.#committed.set(p.topic, offsets);
  }

  /** Drops the committed offsets of a deleted topic, so a topic created again under its name is read from its start. */
  forgetTopic(topic: string): void {
    this.#committed.delete(topic);
  }

  /** Takes the partition for a member unless another member still holds it. */
  hold(p: TopicPartition, memberId: string): boolean {
    const holder = this.#holders.get(partitionKey(p));
    if (holder !== undefined && holder !== memberId) return false;
    this.#holders.set(partitionKey(p), memberId);
    return true;
  }

  release(p: TopicPartition, memberId: string): void {
    if (this.#holders.get(partitionKey(p)) === memberId) this.#holders.delete(partitionKey(p));
  }
}
