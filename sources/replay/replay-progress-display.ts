import cliProgress from 'cli-progress';
import type { ReplayTotals } from './replay-totals.ts';

/** Shows a replay's progress while it runs. */
export interface ReplayProgressDisplay {
  update(totals: ReplayTotals): void;
  stop(): void;
}

export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * A progress bar over the input's rows (read and put in event-time order before any is sent) with
 * rows sent, rows per second and ETA when `output` is a terminal (cli-progress); otherwise, for
 * logs and pipes, one plain line every `intervalMs`.
 */
export function createReplayProgressDisplay(output: ProgressOutput & NodeJS.WritableStream, intervalMs = 5_000): ReplayProgressDisplay {
  return output.isTTY === true ? barDisplay(output) : lineDisplay(output, intervalMs);
}

const sent = (t: ReplayTotals): number => t.produced + t.deadLettered;
const rate = (t: ReplayTotals): number => Math.round(sent(t) / Math.max(t.elapsedMs / 1000, 0.001));

function barDisplay(output: NodeJS.WritableStream): ReplayProgressDisplay {
  const bar = new cliProgress.SingleBar(
    {
      stream: output,
      format: '{file} |{bar}| {percentage}% | {value}/{total} rows ({dead} dead-lettered) | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(t) {
      const payload = { file: t.file, dead: t.deadLettered, rate: rate(t) };
      if (!started) {
        bar.start(t.rowsRead, t.skipped + sent(t), payload);
        started = true;
      } else {
        bar.update(t.skipped + sent(t), payload);
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function lineDisplay(output: ProgressOutput, intervalMs: number): ReplayProgressDisplay {
  let last = 0;
  return {
    update(t) {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      const percent = t.rowsRead === 0 ? 100 : Math.floor((100 * (t.skipped + sent(t))) / t.rowsRead);
      output.write(
        `${t.file}: ${percent}% of ${t.rowsRead} rows sent (${t.produced} produced, ${t.deadLettered} dead-lettered, ${t.skipped} skipped), ${rate(t)} rows/s\n`,
      );
    },
    stop: () => undefined,
  };
}
