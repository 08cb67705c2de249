import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resultsChartSvg } from '../../../bench/suite/chart.ts';
import { RESULTS_END, RESULTS_START, replaceBetweenMarkers, resultsMarkdown } from '../../../bench/suite/markdown.ts';
import { withRatios, type BenchResult, type FigureDraft } from '../../../bench/suite/result-file.ts';
import { evaluateTargets } from '../../../bench/suite/targets.ts';

const drafts: FigureDraft[] = [
  { id: 'broker-consume-rate.consume', stage: 'broker-consume-rate', label: 'Kafka 4.3.1 consumer perf tool, consume only', kind: 'throughput', unit: 'records/s', value: 400_000, baseline: 'broker' },
  { id: 'pipeline-throughput.consume.rdkafka', stage: 'pipeline-throughput', label: 'consume only (rdkafka)', kind: 'throughput', unit: 'records/s', value: 80_000 },
  { id: 'pipeline-throughput.topology.rdkafka', stage: 'pipeline-throughput', label: 'orders topology (rdkafka, exactly-once)', kind: 'throughput', unit: 'records/s', value: 20_000 },
  { id: 'kpi-visibility-latency.p99.10000', stage: 'kpi-visibility-latency', label: 'KPI visible p99 at 10,000/s (kafkajs)', kind: 'latency', unit: 'ms', value: 4_321 },
  { id: 'kafka-streams-peer.peer', stage: 'kafka-streams-peer', label: 'Kafka Streams 4.3.1 (exactly_once_v2, 1 thread)', kind: 'throughput', unit: 'records/s', value: 8_000, baseline: 'kafka-streams' },
];
const figures = withRatios(drafts);

const result: BenchResult = {
  format: 'shelfstream-bench/1',
  startedAt: '2026-12-07T21:40:00.000Z',
  finishedAt: '2026-12-07T21:52:00.000Z',
  mode: 'quick',
  notes: ['Other engineers ran integration tests meanwhile.'],
  machine: { host: 'bench-host', os: 'Linux 6.1', cpuModel: 'Test CPU', cores: 2, memoryGiB: 23.4, loadAverageAtStart: [1, 2, 3], loadAverageAtEnd: [4, 5, 6] },
  versions: { node: 'v20.20.2', kafka: '4.3.1', kafkajs: '2.2.4', nodeRdkafka: '3.6.1', librdkafka: '2.12.0', kafkaStreams: '4.3.1' },
  stages: [
    { stage: 'pipeline-throughput', label: 'pipeline-throughput (rdkafka)', command: ['npx', 'tsx', 'bench/pipeline-throughput.ts'], status: 'ok', seconds: 61.2, summary: '50,000 orders in 3 partitions' },
    { stage: 'spark-peer', label: 'spark-peer', command: ['npx', 'tsx', 'bench/spark-peer.ts'], status: 'failed', seconds: 3, summary: 'failed: …a | b\nc' },
  ],
  figures,
  targets: evaluateTargets(figures),
};

describe('the benchmark report', () => {
  it('takes each throughput over the broker tool and each peer, and judges the targets the run measured', () => {
    assert.deepEqual(figures.find((f) => f.id === 'pipeline-throughput.topology.rdkafka')?.ratios, { broker: 0.05, 'kafka-streams': 2.5 });
    assert.deepEqual(figures.find((f) => f.kind === 'latency')?.ratios, {});
    assert.deepEqual(
      result.targets.map((t) => [t.id, t.met, t.value]),
      [
        ['topology-rate', false, 20_000],
        ['topology-to-consume', false, 0.25],
        ['two-members', null, null],
        ['kpi-visibility-p99', false, 4_321],
      ],
    );
  });

  it('judges two members against one by the scale-out stage, per driver, the best of them', () => {
    const scaleOut = withRatios([
      ...drafts,
      { id: 'scale-out.one.kafkajs', stage: 'scale-out', label: 'orders topology, 1 member (kafkajs, exactly-once)', kind: 'throughput', unit: 'records/s', value: 10_000 },
      { id: 'scale-out.many.kafkajs', stage: 'scale-out', label: 'orders topology, 2 members in 2 processes (kafkajs, exactly-once)', kind: 'throughput', unit: 'records/s', value: 18_000 },
      { id: 'scale-out.one.rdkafka', stage: 'scale-out', label: 'orders topology, 1 member (rdkafka, exactly-once)', kind: 'throughput', unit: 'records/s', value: 10_000 },
      { id: 'scale-out.many.rdkafka', stage: 'scale-out', label: 'orders topology, 2 members in 2 processes (rdkafka, exactly-once)', kind: 'throughput', unit: 'records/s', value: 15_000 },
    ]);
    const target = evaluateTargets(scaleOut).find((t) => t.id === 'two-members');
    assert.deepEqual([target?.value, target?.met, target?.measured], [1.8, true, '1.8 (kafkajs), 1.5 (rdkafka)']);
  });

  it('renders the machine, the stages, every figure with its ratios, the chart and a line per missed target', () => {
    const md = resultsMarkdown(result, { json: 'bench/results/latest.json', svg: 'bench/results/latest.svg' });
    assert.match(md, /Run of 2026-12-07 21:40 UTC, quick, 12 min\. Other engineers ran integration tests meanwhile\./);
    assert.match(md, /\| CPU +\| Test CPU, 2 cores +\|/);
    assert.match(md, /\| Kafka Streams \(peer\) +\| 4\.3\.1 +\|/);
    assert.match(md, /\| pipeline-throughput \(rdkafka\) \| ok +\| 61 +\| 50,000 orders in 3 partitions \|/);
    assert.match(md, /failed: …a \\\| b c/, 'a pipe or line break of a log stays inside its cell');
    assert.match(md, /\| stage +\| figure +\| +value \| ÷ broker tool \| ÷ Kafka Streams \|/);
    assert.match(md, /\| pipeline-throughput +\| orders topology \(rdkafka, exactly-once\) +\| +20,000 records\/s \| +0\.05 \| +2\.50 \|/);
    assert.match(md, /\| kpi-visibility-latency +\| KPI visible p99 at 10,000\/s \(kafkajs\) +\| +4,321 ms \| +\| +\|/);
    assert.match(md, /!\[Throughput and latency per stage\]\(bench\/results\/latest\.svg\)/);
    assert.match(md, /- \*\*Missed\*\*: orders topology, exactly-once, at 100,000 records\/s or more; measured 20,000 records\/s \(orders topology \(rdkafka, exactly-once\)\)\. See \[Pipeline throughput: where the time goes\]\(#pipeline-throughput-against-raw-consumption-benchpipeline-throughputts\)\./);
    assert.match(md, /- \*\*Missed\*\*: KPI produce-to-visible p99 under 2 s at 10,000 records\/s; measured p99 4,321 ms\. See \[.*\]\(#produce-to-visible-latency-of-the-sales-kpis-benchkpi-visibility-latencyts\)\./);
    assert.match(md, /- \*\*Not judged\*\*: two members of one group reach 1\.7 times one member; not measured: scale-out did not run\./);
  });

  it('charts throughput and latency per stage as SVG, with the stage names and values', async () => {
    const svg = await resultsChartSvg(result);
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const text of ['Throughput', 'Latency (ms)', 'broker-consume-rate', 'pipeline-throughput', 'kpi-visibility-latency', 'kafka-streams-peer', '400,000 records/s', '20,000 records/s', '4,321 ms', 'orders topology (rdkafka, exactly-once)']) {
      assert.ok(svg.includes(text), `the chart shows ${text}`);
    }
  });

  it('replaces only what lies between the markers, every other byte of the document kept', () => {
    const before = '# Benchmarks\n\nProse before, with a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n';
    const after = '\n\n## Later section\n\nProse after.\n';
    const doc = `${before}${RESULTS_START}\nold generated block\n${RESULTS_END}${after}`;
    const updated = replaceBetweenMarkers(doc, 'new block');
    assert.equal(updated, `${before}${RESULTS_START}\nnew block\n${RESULTS_END}${after}`);
    assert.equal(replaceBetweenMarkers(updated, 'new block'), updated, 'regenerating the same block changes nothing');
    assert.throws(() => replaceBetweenMarkers('# no markers\n', 'x'), /needs <!-- bench:results:start -->/);
  });
});
