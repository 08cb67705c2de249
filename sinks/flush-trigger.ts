import { performance } from 'node:perf_hooks';
import type { Batch } from '../streams/batch.ts';
import type { FlushRequest } from './sink.ts';

/** How long and how much a sink that writes only at checkpoints (a table snapshot, an INSERT) buffers. */
export interface FlushPolicy {
  /** Longest a record waits in the buffer: from the first record added after a flush. */
  readonly intervalMs: number;
  /** Input bytes (the records as they arrived) the buffer holds before it asks for a flush at once. */
  readonly bytes: number;
}

/**
 * A sink's answer to `flushRequest` under a policy: hold the runtime's checkpoints back while its
 * buffer is young and small, ask for one once it is old or big, and stay out of the way while empty.
 */
export class FlushTrigger {
  readonly #policy: FlushPolicy;
  #bytes = 0;
  #oldest: number | undefined;

  constructor(policy: FlushPolicy) {
    this.#policy = policy;
  }

  added(batch: Batch<unknown>): void {
    if (batch.records.length === 0) return;
    this.#oldest ??= performance.now();
    for (const r of batch.records) this.#bytes += (r.raw.key?.length ?? 0) + (r.raw.value?.length ?? 0);
  }

  flushed(): void {
    this.#bytes = 0;
    this.#oldest = undefined;
  }

  request(): FlushRequest | undefined {
    if (this.#oldest === undefined) return undefined;
    const due = this.#bytes >= this.#policy.bytes || performance.now() - this.#oldest >= this.#policy.intervalMs;
    return due ? 'now' : 'hold';
  }
}
