/** What the pool needs of a browser context: that it can be closed. */
export interface Closable {
  close(): Promise<void>;
}

export interface ContextPoolOptions {
  /** Contexts open at most: each holds a renderer's memory, and the box has two cores. */
  readonly size: number;
  /** Pages a context serves before it is closed and a fresh one opened (cookies, cache and leaks go with it). */
  readonly pagesPerContext: number;
}

/** One context lent to one page fetch; give it back with `release`. */
export interface ContextLease<C> {
  readonly context: C;
  release(): void;
}

interface Slot<C> {
  context: C | null;
  pages: number;
  busy: boolean;
}

/**
 * A bounded pool of browser contexts, each recycled after a number of pages. A caller waits
 * for a free slot; a slot's context is opened on first use and replaced once it has served its
 * pages. Hand-written: generic pools (generic-pool, tarn) recycle by age or idle time, not by
 * pages served, and the pool is small.
 */
export class ContextPool<C extends Closable> {
  readonly #open: () => Promise<C>;
  readonly #options: ContextPoolOptions;
  readonly #slots: Slot<C>[];
  readonly #waiters: ((slot: Slot<C>) => void)[] = [];
  #closed = false;
  /** Contexts opened so far, recycled ones included. */
  opened = 0;

  constructor(open: () => Promise<C>, options: ContextPoolOptions) {
    this.#open = open;
    this.#options = options;
    this.#slots = Array.from({ length: options.size }, () => ({ context: null, pages: 0, busy: false }));
  }

  async acquire(): Promise<ContextLease<C>> {
    if (this.#closed) throw new Error('context pool is closed');
    const free = this.#slots.find((s) => !s.busy);
    const slot = free ?? (await new Promise<Slot<C>>((resolve) => this.#waiters.push(resolve)));
    slot.busy = true;
    try {
      if (slot.context !== null && slot.pages >= this.#options.pagesPerContext) {
        const old = slot.context;
        slot.context = null;
        await old.close();
      }
      if (slot.context === null) {
        slot.context = await this.#open();
        slot.pages = 0;
        this.opened++;
      }
    } catch (error) {
      this.#free(slot);
      throw error;
    }
    const context = slot.context;
    let released = false;
    return {
      context,
      release: () => {
        if (released) return;
        released = true;
        slot.pages++;
        this.#free(slot);
      },
    };
  }

  /** Closes every context; leases still out are closed with them. */
  async close(): Promise<void> {
    this.#closed = true;
    const contexts = this.#slots.flatMap((s) => (s.context === null ? [] : [s.context]));
    for (const slot of this.#slots) slot.context = null;
    await Promise.allSettled(contexts.map((c) => c.close()));
  }

  #free(slot: Slot<C>): void {
    const next = this.#waiters.shift();
    if (next === undefined) slot.busy = false;
    else next(slot);
  }
}
