/**
 * The run's chart, throughput and latency per stage, as SVG. Vega-Lite compiles a declarative
 * spec to Vega, whose View renders SVG in Node with no browser or canvas (text widths estimated),
 * both maintained by the UW Interactive Data Lab; uPlot, which the console uses, draws on a
 * browser's canvas only.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { NonNormalizedSpec } from 'vega-lite/types_unstable/spec/index.js';
import { formatCount, type BenchResult, type Figure } from './result-file.ts';

const WIDTH = 420;

function panel(title: string, figures: readonly Figure[]): NonNormalizedSpec {
  return {
    title,
    width: WIDTH,
    data: { values: figures.map((f) => ({ figure: f.label, stage: f.stage, value: f.value, shown: `${formatCount(f.value)} ${f.unit}` })) },
    encoding: {
      y: { field: 'figure', type: 'nominal', sort: null, title: null, axis: { labelLimit: 600 } },
      x: { field: 'value', type: 'quantitative', title: null },
    },
    layer: [
      { mark: 'bar', encoding: { color: { field: 'stage', type: 'nominal', title: 'stage', legend: { orient: 'bottom', columns: 2, labelLimit: 300 } } } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'shown' } } },
    ],
  };
}

/** The chart of a result: one panel of throughputs (records or rows a second), one of latencies (ms). */
export async function resultsChartSvg(result: BenchResult): Promise<string> {
  const panels = (
    [
      ['Throughput', result.figures.filter((f) => f.kind === 'throughput')],
      ['Latency (ms)', result.figures.filter((f) => f.kind === 'latency')],
    ] as const
  )
    .filter(([, figures]) => figures.length > 0)
    .map(([title, figures]) => panel(title, figures));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Shelfstream benchmarks, ${result.startedAt.slice(0, 10)} (${result.mode})`, subtitle: `${result.machine.cpuModel}, ${result.machine.cores} cores` },
    vconcat: panels,
    resolve: { scale: { color: 'shared' } },
  };
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
