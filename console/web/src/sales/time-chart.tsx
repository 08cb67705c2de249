import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartLine {
  readonly label: string;
  /** One value per x, null where the line has no bucket. */
  readonly values: readonly (number | null)[];
}

const COLORS = ['#2f5bea', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#0b7285', '#5c940d', '#862e9c', '#d9480f', '#495057'];

/** A uPlot line chart of buckets (x in epoch seconds, UTC), redrawn when its data changes. */
export function TimeChart({ title, xs, lines, testId }: { title: string; xs: readonly number[]; lines: readonly ChartLine[]; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (element === null) return undefined;
    const chart = new uPlot(
      {
        title,
        width: Math.max(element.clientWidth, 320),
        height: 260,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        series: [{}, ...lines.map((l, i) => ({ label: l.label, stroke: COLORS[i % COLORS.length] ?? '#000', width: 2, spanGaps: false, points: { show: xs.length < 60 } }))],
        axes: [{}, { size: 70 }],
      },
      [[...xs], ...lines.map((l) => [...l.values])],
      element,
    );
    return () => {
      chart.destroy();
    };
  }, [title, xs, lines]);
  return <div class="chart" ref={box} data-testid={testId} />;
}
