import { SinkWriteError } from '../errors/index.ts';
import type { Sink, SinkFactory } from './sink.ts';

/**
 * One sink that hands every call to several, in order: how one sub-topology writes the same
 * records to more than one topic (an enriched topic for other consumers and an internal topic
 * another sub-topology loads into a table). Only for sinks that keep no position of their own
 * (Kafka topic sinks, which follow the committed offsets): a member that held a position would be
 * given records below it, so one that reports a position is refused when the task opens.
 */
export function fanOutSink<T>(name: string, members: readonly SinkFactory<T>[]): SinkFactory<T> {
  return (context) => {
    const sinks: Sink<T>[] = members.map((member) => member(context));
    return {
      async open() {
        for (const sink of sinks) {
          const held = await sink.open();
          if (held !== undefined) {
            throw new SinkWriteError(`${name}: a member sink holds input offsets up to ${held}; a fan-out takes only sinks that keep no position`, false, {
              table: name,
              topic: context.input.topic,
              partition: context.input.partition,
            });
          }
        }
        return undefined;
      },
      async add(batch) {
        for (const sink of sinks) await sink.add(batch);
      },
      async flush(checkpoint) {
        for (const sink of sinks) await sink.flush(checkpoint);
      },
      async close() {
        for (const sink of sinks) await sink.close();
      },
    };
  };
}
