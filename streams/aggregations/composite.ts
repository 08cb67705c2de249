import { z } from 'zod';
import type { Accumulator, AggregateValue, ResultOf, StateOf } from './accumulator.ts';
import { parseState } from './checked-values.ts';

/** One named measure: an accumulator and where its value comes from in a record. */
export interface CompositeField<T, A extends Accumulator<unknown, unknown> = Accumulator<unknown, unknown>> {
  readonly of: A;
  /**
   * The value this field takes from a record; null or undefined leaves the field out for that
   * record (a missing customer id is not a customer). Omitted: every record adds 1.
   */
  readonly value?: (record: T) => AggregateValue | null | undefined;
}

export type CompositeFields<T> = Readonly<Record<string, CompositeField<T>>>;
export type CompositeState<F> = { readonly [K in keyof F]: F[K] extends CompositeField<never, infer A> ? StateOf<A> : never };
export type CompositeResult<F> = { readonly [K in keyof F]: F[K] extends CompositeField<never, infer A> ? ResultOf<A> : never };

type Fields = Record<string, unknown>;

/**
 * Several named accumulators over the same records as one state: what a topology declares for
 * a window, e.g. `composite<SalesOrder>()({ revenue: { of: sum(), value: (o) => o.total_amount_minor },
 * orders: { of: count() } })`. Curried so that the record type is given once and every field's
 * state and result types are inferred. `add` updates the state object in place (hot path).
 */
export function composite<T>() {
  return <F extends CompositeFields<T>>(fields: F): Accumulator<CompositeState<F>, CompositeResult<F>, T> => {
    const names = Object.keys(fields);
    const accs = names.map((name) => (fields[name] as CompositeField<T>).of);
    const values = names.map((name) => (fields[name] as CompositeField<T>).value);
    const each = (f: (acc: Accumulator<unknown, unknown>, name: string) => unknown): Fields => {
      const out: Fields = {};
      names.forEach((name, i) => (out[name] = f(accs[i] as Accumulator<unknown, unknown>, name)));
      return out;
    };
    const stored = z.looseObject(Object.fromEntries(names.map((name) => [name, z.unknown().refine((v) => v !== undefined, 'missing')])));

    return {
      kind: 'composite',
      init: () => each((acc) => acc.init()) as CompositeState<F>,
      add(state, record) {
        const s = state as Fields;
        names.forEach((name, i) => {
          const pick = values[i];
          const value = pick === undefined ? 1 : pick(record);
          if (value !== null && value !== undefined) s[name] = (accs[i] as Accumulator<unknown, unknown>).add(s[name], value);
        });
        return state;
      },
      merge: (a, b) => each((acc, name) => acc.merge((a as Fields)[name], (b as Fields)[name])) as CompositeState<F>,
      result: (state) => each((acc, name) => acc.result((state as Fields)[name])) as CompositeResult<F>,
      toJSON: (state) => each((acc, name) => acc.toJSON((state as Fields)[name])),
      fromJSON(json) {
        const s = parseState('composite', stored, json) as Fields;
        return each((acc, name) => acc.fromJSON(s[name])) as CompositeState<F>;
      },
    };
  };
}
