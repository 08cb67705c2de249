import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Topology } from '../../runtime/topology.ts';

/** What the slowed sinks went through: evidence the slowdown happened, and how big batches got. */
export interface SlowSinkStats {
  writes: number;
  records: number;
  /** Largest batch handed to a sink: the records one task had in flight at once. */
  largestBatch: number;
  /** Time spent flushing, as the wrapped sinks would have taken it. */
  writeMs: number;
  /** Time added on top. */
  delayMs: number;
}

/**
 * The same topology with every sub-topology's sink slowed down: each flush takes `factor` times
 * as long as the real flush did, and at least `minMs`, so a sink that lags is simulated without
 * changing what it writes.
 */
export function withSlowSinks(topology: Topology, factor: number, minMs: number): { topology: Topology; stats: SlowSinkStats } {
  const stats: SlowSinkStats = { writes: 0, records: 0, largestBatch: 0, writeMs: 0, delayMs: 0 };
  const slowed = new Topology({
    applicationId: topology.applicationId,
    inputs: topology.inputs,
    subTopologies: topology.subTopologies.map((sub) => ({
      ...sub,
      sink: (ctx) => {
        const inner = sub.sink(ctx);
        let added = 0;
        return {
          open: () => inner.open(),
          async add(batch) {
            added += batch.records.length;
            await inner.add(batch);
          },
          async flush(checkpoint) {
            const started = performance.now();
            await inner.flush(checkpoint);
            const took = performance.now() - started;
            const delay = Math.max(minMs - took, (factor - 1) * took);
            await sleep(delay);
            stats.writes += 1;
            stats.records += added;
            stats.largestBatch = Math.max(stats.largestBatch, added);
            stats.writeMs += took;
            stats.delayMs += delay;
            added = 0;
          },
          close: () => inner.close(),
        };
      },
    })),
    sideOutputs: () => topology.sideOutputSink,
  });
  return { topology: slowed, stats };
}
