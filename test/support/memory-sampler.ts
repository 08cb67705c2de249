import v8 from 'node:v8';
import vm from 'node:vm';

/** Resident set size sampled at an interval: the peak a run reached over where it started. */
export interface MemorySampler {
  readonly baselineRss: number;
  /** Stops sampling; the highest RSS seen, including a last sample now. */
  stop(): number;
}

/**
 * Samples RSS after a full garbage collection, so a peak is memory the process holds rather than
 * garbage V8 has not collected yet (it lets the heap grow by hundreds of MB before it does). The
 * test runner offers no --expose-gc, so the flag is set at run time and `gc` fetched from a context.
 */
export function sampleMemory(everyMs = 1_000): MemorySampler {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const rss = () => {
    gc();
    return process.memoryUsage.rss();
  };
  const baselineRss = rss();
  let peak = baselineRss;
  const sample = () => {
    peak = Math.max(peak, rss());
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    baselineRss,
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
