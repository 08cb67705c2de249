import { SinkWriteError } from '../errors/index.ts';
import { loadingInto, withoutHeld, type Sink, type SinkFactory, type SinkTarget } from './sink.ts';

/**
 * One sink that hands every call to several, in order: how one sub-topology writes the same records
 * to more than one place (an enriched topic for other consumers and an internal topic another
 * sub-topology loads; a ClickHouse table and a repartition topic). A member that keeps its own
 * position (a table sink) is given only what it does not hold yet, as the runtime gives a sink of
 * its own; the fan-out itself reports no position, so the task reprocesses from its committed
 * offsets and the members without one (topic sinks, inside the task's transaction) write again what
 * an aborted transaction lost. A fan-out loads one table at most: describe() names one per sink.
 */
export function fanOutSink<T>(name: string, members: readonly SinkFactory<T>[]): SinkFactory<T> {
  const targets = members.flatMap((m) => (m.target === undefined ? [] : [m.target]));
  if (targets.length > 1) throw new SinkWriteError(`${name}: a fan-out loads one table at most, not ${targets.map((t) => t.table).join(' and ')}`, false, { table: name });
  const factory = (context: Parameters<SinkFactory<T>>[0]): Sink<T> => {
    const sinks: Sink<T>[] = members.map((member) => member(context));
    let positions: (bigint | undefined)[] = [];
    return {
      async open() {
        positions = [];
        for (const sink of sinks) {
          const held = await sink.open();
          positions.push(held === undefined ? undefined : BigInt(held));
        }
        return undefined;
      },
      async add(batch) {
        for (const [i, sink] of sinks.entries()) await sink.add(withoutHeld(batch, positions[i]));
      },
      async flush(checkpoint) {
        for (const sink of sinks) await sink.flush(checkpoint);
      },
      flushRequest() {
        const requests = sinks.map((sink) => sink.flushRequest?.());
        return requests.includes('now') ? 'now' : requests.includes('hold') ? 'hold' : undefined;
      },
      async close() {
        for (const sink of sinks) await sink.close();
      },
    };
  };
  const [target] = targets as [SinkTarget?];
  return target === undefined ? factory : loadingInto(target, factory);
}
