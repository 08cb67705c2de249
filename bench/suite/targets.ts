import { formatCount, type Figure, type Target } from './result-file.ts';

// The sections of BENCHMARKS.md whose profiles explain a miss (GitHub's heading anchors).
const PIPELINE = { title: 'Pipeline throughput: where the time goes', anchor: 'pipeline-throughput-against-raw-consumption-benchpipeline-throughputts' };
const SCALE_OUT = { title: 'Scaling out by members: why', anchor: 'scaling-out-by-members-benchscale-outts' };
const KPI = { title: 'Produce-to-visible latency: why', anchor: 'produce-to-visible-latency-of-the-sales-kpis-benchkpi-visibility-latencyts' };

const TOPOLOGY_RATE = 100_000;
const TOPOLOGY_TO_CONSUME = 0.5;
const TWO_MEMBERS = 1.7;
const KPI_RATE = 10_000;
const KPI_P99_MS = 2_000;


/** The figure with the highest value among those whose id starts with `prefix`. */
function best(figures: readonly Figure[], prefix: string): Figure | undefined {
  return figures.filter((f) => f.id.startsWith(prefix)).reduce<Figure | undefined>((top, f) => (top === undefined || f.value > top.value ? f : top), undefined);
}

/** Per driver (the last part of a figure's id), the figure under `over` divided by the one under `under`, best first. */
function ratiosByDriver(figures: readonly Figure[], over: string, under: string): { driver: string; ratio: number }[] {
  return figures
    .filter((f) => f.id.startsWith(over))
    .flatMap((f) => {
      const driver = f.id.split('.').at(-1) ?? '';
      const base = figures.find((c) => c.id === `${under}${driver}`);
      return base === undefined ? [] : [{ driver, ratio: Number((f.value / base.value).toFixed(2)) }];
    })
    .sort((a, b) => b.ratio - a.ratio);
}

function notMeasured(target: Omit<Target, 'measured' | 'value' | 'met'>, why: string): Target {
  return { ...target, measured: `not measured: ${why}`, value: null, met: null };
}

/** Issue 14's targets, judged on a run's figures; a target no stage of the run measured is said so. */
export function evaluateTargets(figures: readonly Figure[]): Target[] {
  const rate = { id: 'topology-rate', goal: `orders topology, exactly-once, at ${formatCount(TOPOLOGY_RATE)} records/s or more`, profile: PIPELINE };
  const topology = best(figures, 'pipeline-throughput.topology.');

  const half = { id: 'topology-to-consume', goal: `orders topology at ${TOPOLOGY_TO_CONSUME} or more of the same driver's consume-only rate`, profile: PIPELINE };
  const ratios = ratiosByDriver(figures, 'pipeline-throughput.topology.', 'pipeline-throughput.consume.');
  const bestRatio = ratios[0];

  const members = { id: 'two-members', goal: `two members of one group reach ${TWO_MEMBERS} times one member`, profile: SCALE_OUT };
  const scaling = ratiosByDriver(figures, 'scale-out.many.', 'scale-out.one.');
  const bestScaling = scaling[0];

  const kpi = { id: 'kpi-visibility-p99', goal: `KPI produce-to-visible p99 under ${KPI_P99_MS / 1000} s at ${formatCount(KPI_RATE)} records/s`, profile: KPI };
  const p99 = figures.find((f) => f.id === `kpi-visibility-latency.p99.${KPI_RATE}`);

  return [
    topology === undefined ? notMeasured(rate, 'pipeline-throughput did not run') : { ...rate, measured: `${formatCount(topology.value)} records/s (${topology.label})`, value: topology.value, met: topology.value >= TOPOLOGY_RATE },
    bestRatio === undefined ? notMeasured(half, 'pipeline-throughput did not run') : { ...half, measured: ratios.map((r) => `${r.ratio} (${r.driver})`).join(', '), value: bestRatio.ratio, met: bestRatio.ratio >= TOPOLOGY_TO_CONSUME },
    bestScaling === undefined ? notMeasured(members, 'scale-out did not run') : { ...members, measured: scaling.map((r) => `${r.ratio} (${r.driver})`).join(', '), value: bestScaling.ratio, met: bestScaling.ratio >= TWO_MEMBERS },
    p99 === undefined ? notMeasured(kpi, `kpi-visibility-latency did not run at ${formatCount(KPI_RATE)}/s`) : { ...kpi, measured: `p99 ${formatCount(p99.value)} ms`, value: p99.value, met: p99.value < KPI_P99_MS },
  ];
}
