import type { RunningTopology } from './main-job.ts';

export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** One line of the display: a topic read by a sub-topology, or a sink it writes, with its count and rate over the last interval. */
interface Flow {
  readonly label: string;
  readonly read: () => Promise<number>;
  last: number;
}

/**
 * The running pipeline's progress: records in per source topic and out per sink, with their rates,
 * from the runners' own metrics. On a terminal the block is redrawn in place every interval (a
 * display, not a scroll of logs); otherwise, for logs and pipes, one line per interval, and only
 * when something moved.
 */
export function startPipelineProgress(output: ProgressOutput, running: readonly RunningTopology[], intervalMs = 2_000): { stop(): Promise<void> } {
  const flows: Flow[] = running.flatMap(({ topology, runner }) =>
    topology.subTopologies.flatMap((s) => [
      { label: `topic ${s.source}`, read: () => runner.metrics.total('recordsIn', { sub_topology: s.name }), last: 0 },
      { label: `sink  ${s.sinkName}`, read: () => runner.metrics.total('recordsOut', { sub_topology: s.name }), last: 0 },
    ]),
  );
  const width = Math.max(...flows.map((f) => f.label.length));
  const tty = output.isTTY === true;
  let drawn = 0;
  let ticking = Promise.resolve();
  const tick = async () => {
    const rows = await Promise.all(
      flows.map(async (flow) => {
        const now = await flow.read();
        const rate = ((now - flow.last) * 1000) / intervalMs;
        flow.last = now;
        return { flow, now, rate };
      }),
    );
    if (tty) {
      // Up over the previous block, then each line cleared and rewritten.
      output.write(`${drawn > 0 ? `\x1b[${drawn}A` : ''}${rows.map((r) => `\x1b[2K  ${r.flow.label.padEnd(width)} ${String(r.now).padStart(10)} records ${r.rate.toFixed(0).padStart(8)}/s\n`).join('')}`);
      drawn = rows.length;
    } else if (rows.some((r) => r.rate > 0)) {
      output.write(`progress: ${rows.filter((r) => r.now > 0).map((r) => `${r.flow.label.replace(/\s+/, ' ')} ${r.now} (${r.rate.toFixed(0)}/s)`).join(', ')}\n`);
    }
  };
  const timer = setInterval(() => { ticking = ticking.then(tick); }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await ticking;
    },
  };
}
