/**
 * The keyed state a stateful operator needs, and nothing more. The operator owns this contract; the
 * runtime implements it with a store whose changes go to a changelog topic, so state survives a
 * crash and follows its partition to the next owner.
 */
export interface StateStore<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  entries(): IterableIterator<[string, V]>;
  readonly size: number;
}
