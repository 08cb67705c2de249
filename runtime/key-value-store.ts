import type { StateStore } from '../streams/state-store.ts';

/**
 * A task's keyed state: an in-memory map whose changes are drained as changelog records. Values are
 * JSON-serializable; an entry is one changelog record, so each entry is written atomically.
 */
export class KeyValueStore<V> implements StateStore<V> {
  readonly name: string;
  readonly #data = new Map<string, V>();
  // undefined marks a delete, written to the changelog as a tombstone.
  readonly #dirty = new Map<string, V | undefined>();

  constructor(name: string) {
    this.name = name;
  }

  get(key: string): V | undefined {
    return this.#data.get(key);
  }

  set(key: string, value: V): void {
    this.#data.set(key, value);
    this.#dirty.set(key, value);
  }

  delete(key: string): void {
    if (!this.#data.delete(key)) return;
    this.#dirty.set(key, undefined);
  }

  entries(): IterableIterator<[string, V]> {
    return this.#data.entries();
  }

  get size(): number {
    return this.#data.size;
  }

  /** Applies one changelog record during restore; restoring writes nothing back. */
  restore(key: string, value: V | undefined): void {
    if (value === undefined) this.#data.delete(key);
    else this.#data.set(key, value);
  }

  /** The changes since the last drain, once each, in the order keys were first changed. */
  drainChanges(): [string, V | undefined][] {
    const changes = [...this.#dirty];
    this.#dirty.clear();
    return changes;
  }
}
