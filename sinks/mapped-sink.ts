import type { Batch } from '../streams/batch.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { loadingInto, type Checkpoint, type Sink, type SinkContext, type SinkFactory } from './sink.ts';

/**
 * A sink of B given records of A: each record mapped on its way in. How one member of a fan-out
 * takes another shape of the same records (a table's row, or a record re-timed by another event
 * time for a repartition topic) without a sub-topology and an internal topic of its own. The
 * mapping must not fail: what can fail belongs in a step, where it is dead-lettered.
 */
export function mappedSink<A, B>(factory: SinkFactory<B>, map: (record: StreamRecord<A>) => StreamRecord<B>): SinkFactory<A> {
  const mapped = (context: SinkContext): Sink<A> => {
    const sink = factory(context);
    return {
      open: () => sink.open(),
      add: (batch: Batch<A>) => sink.add({ ...batch, records: batch.records.map(map) }),
      flush: (checkpoint: Checkpoint) => sink.flush(checkpoint),
      ...(sink.flushRequest === undefined ? {} : { flushRequest: () => sink.flushRequest?.() }),
      close: () => sink.close(),
    };
  };
  return factory.target === undefined ? mapped : loadingInto(factory.target, mapped);
}
