/** What both sides give of one window, exactly: the fields compared record for record. */
export interface WindowFigures {
  readonly window_start: number;
  readonly window_end: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly avg: number;
  readonly distinct_count: number;
  /** Order-value quantiles p50, p90, p99 (DDSketch estimates, rounded to a minor unit). */
  readonly p500: number;
  readonly p900: number;
  readonly p990: number;
}

// Ours counts distinct customers exactly up to this many a window (streams/aggregations/distinct-count.ts), then estimates.
const EXACT_DISTINCT_LIMIT = 1000;
const SHOWN_DIFFERENCES = 5;

export interface WindowComparison {
  readonly match: boolean;
  /** Windows both sides closed, compared field by field. */
  readonly compared: number;
  /** The peer's windows past the last one ours closed: still open in ours when its run stopped (its watermark trails). */
  readonly openInOurs: number;
  /** Windows whose distinct customers were not compared, ours having estimated them. */
  readonly estimatedDistinct: number;
  /** How many windows differ; the first few are named in `differences`. */
  readonly differenceCount: number;
  readonly differences: readonly string[];
}

/**
 * Our final windows against the peer's latest result of each, by `group|windowStart`. Every window
 * ours closed must be in the peer with the same figures; a window only the peer has is a difference
 * unless it ends after the last window ours closed (ours closes every group's windows by one watermark).
 */
export function compareWindows(ours: ReadonlyMap<string, WindowFigures>, peer: ReadonlyMap<string, WindowFigures>): WindowComparison {
  const differences: string[] = [];
  let estimatedDistinct = 0;
  for (const [id, o] of ours) {
    const p = peer.get(id);
    if (p === undefined) {
      differences.push(`${id}: only in ours`);
      continue;
    }
    const estimated = o.distinct_count > EXACT_DISTINCT_LIMIT || p.distinct_count > EXACT_DISTINCT_LIMIT;
    if (estimated) estimatedDistinct++;
    const fields = (Object.keys(o) as (keyof WindowFigures)[]).filter((f) => !(estimated && f === 'distinct_count'));
    const unequal = fields.filter((f) => o[f] !== p[f]);
    if (unequal.length > 0) differences.push(`${id}: ${unequal.map((f) => `${f} ours ${o[f]} peer ${p[f]}`).join(', ')}`);
  }
  const closedUpTo = Math.max(...[...ours.values()].map((o) => o.window_end));
  let openInOurs = 0;
  for (const [id, p] of peer) {
    if (ours.has(id)) continue;
    if (p.window_end > closedUpTo) openInOurs++;
    else differences.push(`${id}: only in the peer`);
  }
  return { match: differences.length === 0 && ours.size > 0, compared: ours.size, openInOurs, estimatedDistinct, differenceCount: differences.length, differences: differences.slice(0, SHOWN_DIFFERENCES) };
}
