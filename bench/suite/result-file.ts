import { z } from 'zod';

/** What a figure's ratios are taken against: the broker tool's rate and each peer's, from the same run. */
export const BASELINES = ['broker', 'kafka-streams', 'spark'] as const;
export type Baseline = (typeof BASELINES)[number];
export const BASELINE_NAMES: Record<Baseline, string> = { broker: 'broker tool', 'kafka-streams': 'Kafka Streams', spark: 'Spark' };

const figureSchema = z.object({
  /** Stable across runs: `<stage>.<measure>[.<variant>]`, what targets and readers look figures up by. */
  id: z.string(),
  stage: z.string(),
  label: z.string(),
  kind: z.enum(['throughput', 'latency', 'resource']),
  unit: z.string(),
  value: z.number(),
  /** Set when this figure is that baseline's own rate. */
  baseline: z.enum(BASELINES).optional(),
  /** A throughput divided by each baseline's rate measured in the run; none for other kinds. */
  ratios: z.partialRecord(z.enum(BASELINES), z.number()),
});
export type Figure = z.infer<typeof figureSchema>;
export type FigureDraft = Omit<Figure, 'ratios'>;

const targetSchema = z.object({
  id: z.string(),
  goal: z.string(),
  /** What the run measured, in words; null value when no stage of the run measures it. */
  measured: z.string(),
  value: z.number().nullable(),
  met: z.boolean().nullable(),
  /** The section of BENCHMARKS.md whose profile explains a miss. */
  profile: z.object({ title: z.string(), anchor: z.string() }),
});
export type Target = z.infer<typeof targetSchema>;

const stageRunSchema = z.object({
  stage: z.string(),
  /** The stage and its variant, as shown: `pipeline-throughput (rdkafka)`. */
  label: z.string(),
  command: z.array(z.string()),
  status: z.enum(['ok', 'failed', 'skipped']),
  seconds: z.number(),
  /** A line about the run: its parameters and side results, or why it failed or was skipped. */
  summary: z.string(),
  /** The stage's own JSON line, as it printed it. */
  output: z.unknown().optional(),
});
export type StageRun = z.infer<typeof stageRunSchema>;

export const benchResultSchema = z.object({
  format: z.literal('shelfstream-bench/1'),
  startedAt: z.string(),
  finishedAt: z.string(),
  mode: z.enum(['quick', 'full']),
  notes: z.array(z.string()),
  machine: z.object({
    host: z.string(),
    os: z.string(),
    cpuModel: z.string(),
    cores: z.number(),
    memoryGiB: z.number(),
    loadAverageAtStart: z.array(z.number()),
    loadAverageAtEnd: z.array(z.number()),
  }),
  versions: z.object({
    node: z.string(),
    kafka: z.string(),
    kafkajs: z.string(),
    nodeRdkafka: z.string(),
    librdkafka: z.string(),
    java: z.string().optional(),
    kafkaStreams: z.string().optional(),
    spark: z.string().optional(),
  }),
  stages: z.array(stageRunSchema),
  figures: z.array(figureSchema),
  targets: z.array(targetSchema),
});
export type BenchResult = z.infer<typeof benchResultSchema>;

/** A figure as shown in the tables and the chart: whole, with thousands separators. */
export const formatCount = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** Each throughput's ratio to every baseline rate the run measured (the first figure naming it). */
export function withRatios(drafts: readonly FigureDraft[]): Figure[] {
  const rates = new Map<Baseline, number>();
  for (const f of drafts) if (f.baseline !== undefined && !rates.has(f.baseline)) rates.set(f.baseline, f.value);
  return drafts.map((f) => ({
    ...f,
    ratios: f.kind === 'throughput' ? Object.fromEntries([...rates].map(([baseline, rate]) => [baseline, Number((f.value / rate).toFixed(3))])) : {},
  }));
}
