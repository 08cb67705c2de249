import { z } from 'zod';
import { formatCount, type BenchResult, type FigureDraft } from './result-file.ts';

export type Driver = 'kafkajs' | 'rdkafka';

export interface SuiteOptions {
  readonly quick: boolean;
  /** The drivers the pipeline stage runs with, one run each. */
  readonly drivers: readonly Driver[];
}

/** One run of a stage's script: its variant (shown after the stage's name) and arguments. */
export interface StagePlan {
  readonly variant?: string;
  readonly args: readonly string[];
}

/** What the suite takes from a stage's JSON line. */
export interface StageReading {
  readonly figures: FigureDraft[];
  readonly summary: string;
  readonly versions?: Partial<BenchResult['versions']>;
}

export interface Stage {
  readonly name: string;
  /** The script, relative to bench/. */
  readonly script: string;
  /** Commands it needs on PATH besides node: the stage is skipped, and says so, without them. */
  readonly needs: readonly string[];
  plan(options: SuiteOptions): StagePlan[];
  read(output: unknown, variant: string | undefined): StageReading;
}

/** A stage whose output is checked against its schema before it is read. */
function stage<T>(definition: Omit<Stage, 'read'> & { output: z.ZodType<T>; read(output: T, variant: string | undefined): StageReading }): Stage {
  return { ...definition, read: (output, variant) => definition.read(definition.output.parse(output), variant) };
}


const brokerConsumeRate = stage({
  name: 'broker-consume-rate',
  script: 'broker-consume-rate.ts',
  needs: ['java'],
  plan: ({ quick }) => [{ args: ['--records', quick ? '50000' : '300000'] }],
  output: z.object({ kafkaVersion: z.string(), records: z.number(), partitions: z.number(), recordsPerSecond: z.number(), mbPerSecond: z.number() }),
  read: (o) => ({
    figures: [{ id: 'broker-consume-rate.consume', stage: 'broker-consume-rate', label: `Kafka ${o.kafkaVersion} consumer perf tool, consume only`, kind: 'throughput', unit: 'records/s', value: o.recordsPerSecond, baseline: 'broker' }],
    summary: `${formatCount(o.records)} orders in ${o.partitions} partitions, ${o.mbPerSecond} MB/s`,
  }),
});

const pipelineThroughput = stage({
  name: 'pipeline-throughput',
  script: 'pipeline-throughput.ts',
  needs: [],
  plan: ({ quick, drivers }) => drivers.map((driver) => ({ variant: driver, args: ['--records', quick ? '50000' : '300000', '--driver', driver, '--guarantee', 'exactly-once'] })),
  output: z.object({ driver: z.string(), guarantee: z.string(), records: z.number(), partitions: z.number(), rawRecordsPerSecond: z.number(), pipelineRecordsPerSecond: z.number(), ratio: z.number(), startupSeconds: z.number() }),
  read: (o) => ({
    figures: [
      { id: `pipeline-throughput.consume.${o.driver}`, stage: 'pipeline-throughput', label: `consume only (${o.driver})`, kind: 'throughput', unit: 'records/s', value: o.rawRecordsPerSecond },
      { id: `pipeline-throughput.topology.${o.driver}`, stage: 'pipeline-throughput', label: `orders topology (${o.driver}, ${o.guarantee})`, kind: 'throughput', unit: 'records/s', value: o.pipelineRecordsPerSecond },
    ],
    summary: `${formatCount(o.records)} orders in ${o.partitions} partitions; topology / consume only ${o.ratio}; start-up ${o.startupSeconds} s`,
  }),
});

const scaleOut = stage({
  name: 'scale-out',
  script: 'scale-out.ts',
  needs: [],
  plan: ({ quick, drivers }) => drivers.map((driver) => ({ variant: driver, args: ['--records', quick ? '100000' : '300000', '--members', '2', '--driver', driver, '--guarantee', 'exactly-once'] })),
  output: z.object({ driver: z.string(), guarantee: z.string(), records: z.number(), partitions: z.number(), members: z.number(), one: z.object({ recordsPerSecond: z.number() }), many: z.object({ recordsPerSecond: z.number() }), scaleOut: z.number() }),
  read: (o) => ({
    figures: [
      { id: `scale-out.one.${o.driver}`, stage: 'scale-out', label: `orders topology, 1 member (${o.driver}, ${o.guarantee})`, kind: 'throughput', unit: 'records/s', value: o.one.recordsPerSecond },
      { id: `scale-out.many.${o.driver}`, stage: 'scale-out', label: `orders topology, ${o.members} members in ${o.members} processes (${o.driver}, ${o.guarantee})`, kind: 'throughput', unit: 'records/s', value: o.many.recordsPerSecond },
    ],
    summary: `${formatCount(o.records)} orders in ${o.partitions} partitions; ${o.members} members / 1 member ${o.scaleOut}`,
  }),
});

const stateRestoreTime = stage({
  name: 'state-restore-time',
  script: 'state-restore-time.ts',
  needs: [],
  // Quick or not: 10M keys would take about 23 GiB of heap (2.3 KiB a window entry), past a Node.js process's 4 GiB.
  plan: () => [{ args: ['--keys', '10000,100000,1000000'] }],
  output: z.object({ driver: z.string(), runs: z.array(z.object({ keys: z.number(), valueBytes: z.number(), restoreSeconds: z.number(), keysPerSecond: z.number(), storeHeapMiB: z.number() })) }),
  read: (o) => ({
    figures: o.runs.flatMap((r): FigureDraft[] => [
      { id: `state-restore-time.restore.${r.keys}`, stage: 'state-restore-time', label: `restore ${formatCount(r.keys)} window keys from the changelog (${o.driver})`, kind: 'resource', unit: 'ms', value: Math.round(r.restoreSeconds * 1000) },
      { id: `state-restore-time.heap.${r.keys}`, stage: 'state-restore-time', label: `heap of ${formatCount(r.keys)} restored window keys`, kind: 'resource', unit: 'MiB', value: r.storeHeapMiB },
    ]),
    summary: o.runs.map((r) => `${formatCount(r.keys)} keys in ${r.restoreSeconds} s`).join(', '),
  }),
});

const clickHouseSinkRate = stage({
  name: 'clickhouse-sink-rate',
  script: 'clickhouse-sink-rate.ts',
  needs: [],
  plan: ({ quick }) => [{ args: quick ? ['--rows', '20000', '--batch', '2000'] : ['--rows', '100000', '--batch', '10000'] }],
  output: z.object({ rows: z.number(), batch: z.number(), stored: z.number(), rowsPerSecond: z.number(), checkpoints: z.number(), meanCheckpointMs: z.number() }),
  read: (o) => ({
    figures: [
      { id: 'clickhouse-sink-rate.rows', stage: 'clickhouse-sink-rate', label: 'ClickHouse sink, ledger included', kind: 'throughput', unit: 'rows/s', value: o.rowsPerSecond },
      { id: 'clickhouse-sink-rate.checkpoint-mean', stage: 'clickhouse-sink-rate', label: 'ClickHouse checkpoint, mean', kind: 'latency', unit: 'ms', value: o.meanCheckpointMs },
    ],
    summary: `${formatCount(o.stored)} of ${formatCount(o.rows)} rows stored, batches of ${formatCount(o.batch)}, ${o.checkpoints} checkpoints`,
  }),
});

const icebergSinkRate = stage({
  name: 'iceberg-sink-rate',
  script: 'iceberg-sink-rate.ts',
  needs: [],
  plan: ({ quick }) => [{ args: ['--rows', quick ? '20000' : '50000'] }],
  output: z.object({ rows: z.number(), flushBytes: z.number(), stored: z.number(), rowsPerSecond: z.number(), commits: z.number(), commitP50Ms: z.number(), commitP99Ms: z.number() }),
  read: (o) => ({
    figures: [
      { id: 'iceberg-sink-rate.rows', stage: 'iceberg-sink-rate', label: 'Iceberg append sink, committed', kind: 'throughput', unit: 'rows/s', value: o.rowsPerSecond },
      { id: 'iceberg-sink-rate.commit-p50', stage: 'iceberg-sink-rate', label: 'Iceberg commit p50', kind: 'latency', unit: 'ms', value: o.commitP50Ms },
      { id: 'iceberg-sink-rate.commit-p99', stage: 'iceberg-sink-rate', label: 'Iceberg commit p99', kind: 'latency', unit: 'ms', value: o.commitP99Ms },
    ],
    summary: `${formatCount(o.stored)} of ${formatCount(o.rows)} rows committed in ${o.commits} commits, flush at ${formatCount(o.flushBytes)} bytes`,
  }),
});

const kpiVisibilityLatency = stage({
  name: 'kpi-visibility-latency',
  script: 'kpi-visibility-latency.ts',
  needs: [],
  // The target is at 10,000/s; a quick run holds that rate for a few seconds only.
  plan: ({ quick }) => (quick ? [{ rate: 10_000, seconds: 3 }] : [{ rate: 1_000, seconds: 20 }, { rate: 10_000, seconds: 30 }]).map(({ rate, seconds }) => ({ variant: `${rate}/s`, args: ['--rate', String(rate), '--seconds', String(seconds)] })),
  output: z.object({ driver: z.string(), targetRate: z.number(), achievedRate: z.number(), orders: z.number(), p50Ms: z.number(), p99Ms: z.number() }),
  read: (o) => ({
    figures: (['p50', 'p99'] as const).map((p) => ({
      id: `kpi-visibility-latency.${p}.${o.targetRate}`,
      stage: 'kpi-visibility-latency',
      label: `KPI visible ${p} at ${formatCount(o.targetRate)}/s (${o.driver})`,
      kind: 'latency',
      unit: 'ms',
      value: p === 'p50' ? o.p50Ms : o.p99Ms,
    })),
    summary: `${formatCount(o.orders)} orders produced at ${formatCount(o.achievedRate)}/s of ${formatCount(o.targetRate)}/s asked`,
  }),
});

/** What both peer stages print about the comparison of windows. */
const comparison = { records: z.number(), ratio: z.number(), match: z.boolean(), compared: z.number() };
const oursBesidePeer = z.object({ driver: z.string(), recordsPerSecond: z.number() });
const matchSummary = (o: { records: number; ratio: number; match: boolean; compared: number }, peer: string): string =>
  `${formatCount(o.records)} orders; ours / ${peer} ${o.ratio}; ${formatCount(o.compared)} windows compared, ${o.match ? 'all equal' : 'DIFFERENT'}`;

const kafkaStreamsPeer = stage({
  name: 'kafka-streams-peer',
  script: 'kafka-streams-peer.ts',
  needs: ['java', 'mvn'],
  plan: ({ quick }) => [{ args: ['--records', quick ? '30000' : '300000'] }],
  output: z.object({ ...comparison, ours: oursBesidePeer, kafkaStreams: z.object({ version: z.string(), guarantee: z.string(), threads: z.number(), recordsPerSecond: z.number() }) }),
  read: (o) => ({
    figures: [
      { id: 'kafka-streams-peer.ours', stage: 'kafka-streams-peer', label: `orders topology (${o.ours.driver}, exactly-once) beside Kafka Streams`, kind: 'throughput', unit: 'records/s', value: o.ours.recordsPerSecond },
      { id: 'kafka-streams-peer.peer', stage: 'kafka-streams-peer', label: `Kafka Streams ${o.kafkaStreams.version} (${o.kafkaStreams.guarantee}, ${o.kafkaStreams.threads} thread)`, kind: 'throughput', unit: 'records/s', value: o.kafkaStreams.recordsPerSecond, baseline: 'kafka-streams' },
    ],
    summary: matchSummary(o, 'Kafka Streams'),
    versions: { kafkaStreams: o.kafkaStreams.version },
  }),
});

const sparkSide = { recordsPerSecond: z.number(), cpuMicrosPerRecord: z.number(), peakRssMiB: z.number() };
const sparkPeer = stage({
  name: 'spark-peer',
  script: 'spark-peer.ts',
  needs: ['java', 'mvn', 'python3'],
  plan: ({ quick }) => [{ args: ['--records', quick ? '30000' : '200000'] }],
  output: z.object({ ...comparison, ours: oursBesidePeer.extend(sparkSide), spark: z.object({ version: z.string(), master: z.string(), ...sparkSide }) }),
  read: (o) => {
    const spark = `Spark ${o.spark.version} (${o.spark.master})`;
    const ours = `ours (${o.ours.driver})`;
    return {
      figures: [
        { id: 'spark-peer.ours', stage: 'spark-peer', label: `orders topology (${o.ours.driver}, exactly-once) beside Spark`, kind: 'throughput', unit: 'records/s', value: o.ours.recordsPerSecond },
        { id: 'spark-peer.peer', stage: 'spark-peer', label: spark, kind: 'throughput', unit: 'records/s', value: o.spark.recordsPerSecond, baseline: 'spark' },
        { id: 'spark-peer.ours-cpu', stage: 'spark-peer', label: `${ours} CPU per record`, kind: 'resource', unit: 'µs', value: o.ours.cpuMicrosPerRecord },
        { id: 'spark-peer.peer-cpu', stage: 'spark-peer', label: `${spark} CPU per record`, kind: 'resource', unit: 'µs', value: o.spark.cpuMicrosPerRecord },
        { id: 'spark-peer.ours-rss', stage: 'spark-peer', label: `${ours} peak RSS`, kind: 'resource', unit: 'MiB', value: o.ours.peakRssMiB },
        { id: 'spark-peer.peer-rss', stage: 'spark-peer', label: `${spark} peak RSS`, kind: 'resource', unit: 'MiB', value: o.spark.peakRssMiB },
      ],
      summary: matchSummary(o, 'Spark'),
      versions: { spark: o.spark.version },
    };
  },
});

/** Every stage, in the order a run takes them: the broker's baseline first, the peers last. */
export const STAGES: readonly Stage[] = [brokerConsumeRate, pipelineThroughput, scaleOut, stateRestoreTime, clickHouseSinkRate, icebergSinkRate, kpiVisibilityLatency, kafkaStreamsPeer, sparkPeer];
