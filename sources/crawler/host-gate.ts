export interface PolitenessOptions {
  /** Requests in flight to one host at most. */
  readonly maxConcurrency: number;
  /** Least time between the starts of two requests to one host; a longer Crawl-delay wins. */
  readonly delayMs: number;
}

export interface SlotRequest {
  /** Not before this time (epoch ms): a retry's backoff. */
  readonly notBefore: number;
  /** Give up when the slot would start after this time (epoch ms). */
  readonly deadline: number;
  /** The host's own Crawl-delay, when longer than the configured delay. */
  readonly delayMs?: number;
  readonly signal?: AbortSignal;
}

/** Ends a request's hold on its host's slot. */
export type ReleaseSlot = () => void;

interface HostState {
  active: number;
  waiting: number;
  nextStart: number;
  /** Wakes the waiters when a slot frees; replaced after each wake. */
  freed: PromiseWithResolversLike;
}

interface PromiseWithResolversLike {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
}

/**
 * Politeness per host: at most `maxConcurrency` requests in flight and at least the delay
 * between two starts. Hand-written rather than p-queue or bottleneck: a waiting request must give
 * up at a deadline (the crawler re-queues it in the frontier rather than hold a Kafka batch past
 * its session), and its start may not come before its own backoff, which neither library models.
 */
export class HostGate {
  readonly #options: PolitenessOptions;
  readonly #hosts = new Map<string, HostState>();

  constructor(options: PolitenessOptions) {
    this.#options = options;
  }

  /** Waits for a slot on `host`; null when it would start after the deadline or the signal aborts. */
  async acquire(host: string, request: SlotRequest): Promise<ReleaseSlot | null> {
    const delayMs = Math.max(this.#options.delayMs, request.delayMs ?? 0);
    for (;;) {
      if (request.signal?.aborted === true) return null;
      const state = this.#state(host);
      const now = Date.now();
      const startAt = Math.max(now, request.notBefore, state.nextStart);
      const free = state.active < this.#options.maxConcurrency;
      if (free && startAt <= now) {
        state.active++;
        state.nextStart = now + delayMs;
        return this.#release(host, state);
      }
      if (startAt > request.deadline) return null;
      // Wake at the start time, when a slot frees, or when stopped, whichever comes first; then look again.
      const wakeIn = free ? startAt - now : request.deadline - now;
      state.waiting++;
      await wait(wakeIn, state.freed.promise, request.signal);
      state.waiting--;
    }
  }

  /** Starts nothing on `host` before `until` (epoch ms): a host that throttles is given a pause as a whole, not per URL. */
  holdOff(host: string, until: number): void {
    const state = this.#state(host);
    state.nextStart = Math.max(state.nextStart, until);
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (state === undefined) {
      state = { active: 0, waiting: 0, nextStart: 0, freed: resolvers() };
      this.#hosts.set(host, state);
    }
    return state;
  }

  #release(host: string, state: HostState): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state.active--;
      const freed = state.freed;
      state.freed = resolvers();
      freed.resolve();
      // Forget idle hosts whose delay has passed, so a long crawl of many hosts does not grow the map.
      if (state.active === 0 && state.waiting === 0 && state.nextStart <= Date.now()) this.#hosts.delete(host);
    };
  }
}

function resolvers(): PromiseWithResolversLike {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

/** Resolves after `ms`, when `event` settles, or when `signal` aborts; never rejects, and leaves no timer behind. */
function wait(ms: number, event: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
    void event.then(done);
  });
}
