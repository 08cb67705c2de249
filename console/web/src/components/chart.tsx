import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartLine {
  readonly label: string;
  /** One value per x, null where the line has no point. */
  readonly values: readonly (number | null)[];
}

const COLORS = ['#2f5bea', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#0b7285', '#5c940d', '#862e9c', '#d9480f', '#495057'];

/**
 * A uPlot chart, redrawn when its data changes; a dashboard panel, `data-panel` its test id. Over time (`xs` in epoch seconds, UTC), or over
 * named `categories` (xs 0, 1, 2, … labelled by them); `bars` draws bars instead of lines.
 */
export function Chart({ title, xs, lines, testId, categories, bars = false }: {
  title: string;
  xs: readonly number[];
  lines: readonly ChartLine[];
  testId: string;
  categories?: readonly string[];
  bars?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (element === null) return undefined;
    const paths = bars ? uPlot.paths.bars?.({ size: [0.8 / Math.max(lines.length, 1), 60], align: 0 }) : undefined;
    const series = lines.map((l, i) => {
      const color = COLORS[i % COLORS.length] ?? '#000';
      return { label: l.label, stroke: color, width: bars ? 1 : 2, spanGaps: false, points: { show: !bars && xs.length < 60 }, ...(paths === undefined ? {} : { paths, fill: `${color}cc` }) };
    });
    const x: uPlot.Series = categories === undefined ? {} : { value: (_u, i: number) => categories[i] ?? '' };
    const chart = new uPlot(
      {
        title,
        width: Math.max(element.clientWidth, 320),
        height: 260,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: categories === undefined, ...(categories === undefined ? {} : { range: (_u, min, max): uPlot.Range.MinMax => [min - 0.6, max + 0.6] }) } },
        series: [x, ...series],
        axes: [categories === undefined ? {} : { splits: () => xs.map(Number), values: (_u, splits) => splits.map((s) => categories[s] ?? '') }, { size: 70 }],
      },
      [[...xs], ...lines.map((l) => [...l.values])],
      element,
    );
    return () => {
      chart.destroy();
    };
  }, [title, xs, lines, categories, bars]);
  return <div class="chart" ref={box} data-testid={testId} data-panel={testId} />;
}
