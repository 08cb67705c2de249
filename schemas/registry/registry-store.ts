import { ConfluentError } from '../../errors/index.ts';
import { describeCause } from '../../infra/describe-cause.ts';
import { retry, type RetryPolicy } from '../../infra/retry.ts';
import { registryErrors } from './registry-errors.ts';
import { RegistryState } from './registry-state.ts';
import { SchemaLog, type LogWrite, type SchemaLogOptions } from './schema-log.ts';

/** What a write decided on fresh state: its answer and the records that make it true. */
export interface WritePlan<T> {
  readonly result: T;
  readonly records: readonly LogWrite[];
  /** Set when the first record is a claim: the write counts only if the claim took effect. */
  readonly claim?: string;
}

/**
 * A write plans again after each lost race (another registry wrote meanwhile), up to 29 times in a
 * row, after a short jittered pause so that two registries racing each other do not stay in step.
 */
const LOST_RACES: Omit<RetryPolicy, 'isRetriable'> = { retries: 29, initialDelayMs: 20, maxDelayMs: 100 };

/**
 * The registry's state and the log it is folded from. Writes are optimistic: catch up to the log
 * end, plan on that state, append a claim that is valid only at the offset the plan saw the log
 * end at (see registry-records.ts), tail until it is applied; if another registry appended
 * first, the claim is void for everyone, so plan again on the newer state.
 */
export class RegistryStore {
  readonly state = new RegistryState();
  readonly #log: SchemaLog;
  // One write at a time per process: concurrent writes of one registry would only void each other.
  #writes: Promise<unknown> = Promise.resolve();

  private constructor(options: SchemaLogOptions) {
    this.#log = new SchemaLog(options, (entry) => { this.state.apply(entry); });
  }

  /** Opens the log and replays it: the store is ready when its state reflects the whole topic. */
  static async open(options: SchemaLogOptions): Promise<RegistryStore> {
    const store = new RegistryStore(options);
    try {
      await store.#log.open();
    } catch (error) {
      await store.#log.close();
      throw error;
    }
    return store;
  }

  /**
   * Reads from the state; when the answer is "not found", catches up with the log once and asks
   * again, so a client sees what another registry has just written (read-your-writes).
   */
  async read<T>(query: (state: RegistryState) => T): Promise<T> {
    try {
      return query(this.state);
    } catch (error) {
      if (!(error instanceof ConfluentError) || error.status !== 404) throw error;
      await this.#guard(() => this.#log.catchUp());
      return query(this.state);
    }
  }

  /**
   * Runs one change: `plan` decides on caught-up state and gets the offset its records will land
   * at if no other registry writes first, which a claim must carry as its `expectedOffset`.
   */
  write<T>(plan: (state: RegistryState, position: number) => WritePlan<T>): Promise<T> {
    const run = this.#writes.then(() => this.#write(plan));
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.#log.close();
  }

  async #write<T>(plan: (state: RegistryState, position: number) => WritePlan<T>): Promise<T> {
    let lost: unknown;
    return retry(async (n) => {
      await this.#guard(() => this.#log.catchUp());
      // The plan is synchronous, so the state it reads is exactly the records before this offset.
      const decided = plan(this.state, this.#log.position);
      const [first] = decided.records;
      if (first === undefined) return decided.result;
      await this.#guard(() => this.#log.append(decided.records));
      if (decided.claim === undefined || this.state.accepted(decided.claim)) return decided.result;
      // Void for everyone; the tombstone only lets compaction drop it.
      await this.#guard(() => this.#log.append([{ key: first.key, value: null }]));
      lost = registryErrors.operationTimeout(`Operation timed out: ${n + 1} concurrent writes in a row won over this one`);
      throw lost;
    }, { ...LOST_RACES, isRetriable: (error) => error === lost });
  }

  /** Kafka failures become Confluent's store error (50001); registry errors pass through. */
  async #guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof ConfluentError) throw error;
      throw registryErrors.storeError(`Error in the backend data store: ${describeCause(error)}`, error);
    }
  }
}
