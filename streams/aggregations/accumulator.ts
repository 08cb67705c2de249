/** What a measured field contributes to an accumulator. */
export type AggregateValue = number | string;

/**
 * A mergeable, serializable aggregation: the state of one key in one window.
 *
 * Ownership: `add` may update `state` in place and return it (sketches would otherwise copy
 * kilobytes per record), so the caller keeps only the returned state. `merge` never modifies
 * its inputs: hopping panes and session fragments stay reusable. `toJSON` output is plain
 * JSON, equal for equal states, and `fromJSON(toJSON(s))` behaves exactly like `s`, so state
 * can live in a changelog topic.
 */
export interface Accumulator<S, R, V = AggregateValue> {
  /** Names the aggregation in errors and in the described topology (`sum`, `quantiles`, ...). */
  readonly kind: string;
  init(): S;
  add(state: S, value: V): S;
  merge(a: S, b: S): S;
  result(state: S): R;
  toJSON(state: S): unknown;
  fromJSON(json: unknown): S;
}

export type StateOf<A> = A extends Accumulator<infer S, unknown, never> ? S : never;
export type ResultOf<A> = A extends Accumulator<unknown, infer R, never> ? R : never;
