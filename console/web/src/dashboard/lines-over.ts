import type { ChartLine } from '../components/chart.tsx';

/** Points of several labelled series as chart lines over the sorted union of their x, null where a series has no point. */
export function linesOver(points: readonly { readonly x: number; readonly label: string; readonly value: number }[]): { xs: number[]; lines: ChartLine[] } {
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const lines = new Map<string, (number | null)[]>();
  for (const p of points) {
    const values = lines.get(p.label) ?? xs.map(() => null);
    lines.set(p.label, values);
    values[index.get(p.x) ?? 0] = p.value;
  }
  return { xs, lines: [...lines.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, values]) => ({ label, values })) };
}

/** linesOver with x in ms since the epoch, as the chart's epoch seconds. */
export function timeLines(points: readonly { readonly x: number; readonly label: string; readonly value: number }[]): { xs: number[]; lines: ChartLine[] } {
  const { xs, lines } = linesOver(points);
  return { xs: xs.map((x) => x / 1000), lines };
}
