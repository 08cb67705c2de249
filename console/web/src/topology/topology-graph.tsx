import { count } from '../sales/sales-format.ts';
import { layout, type Placed } from './topology-layout.ts';
import type { StepFigures, TopologyView } from './topology-types.ts';

const WIDTH = 196;
const HEIGHT = 92;
const GAP_X = 44;
const GAP_Y = 22;

const x = (p: Placed) => p.column * (WIDTH + GAP_X) + 4;
const shorten = (label: string, most: number) => (label.length > most ? `${label.slice(0, most - 1)}…` : label);
const perSecond = (n: number | null) => (n === null ? '–' : n.toFixed(n < 10 ? 1 : 0));

function Figures({ figures, left, top }: { figures: StepFigures; left: number; top: number }) {
  return (
    <>
      <text x={left} y={top + 40} class="figures">
        in <tspan data-testid="records-in">{count(figures.in)}</tspan> · out <tspan data-testid="records-out">{count(figures.out)}</tspan>
      </text>
      <text x={left} y={top + 58} class="figures">
        {perSecond(figures.inPerSecond)}/s in · {perSecond(figures.outPerSecond)}/s out
      </text>
      <text x={left} y={top + 76} class={`figures${figures.deadLettered + figures.late + figures.errors > 0 ? ' warn' : ''}`}>
        dead <tspan data-testid="dead-letters">{count(figures.deadLettered)}</tspan> · late <tspan data-testid="late">{count(figures.late)}</tspan> · errors{' '}
        <tspan data-testid="errors">{count(figures.errors)}</tspan>
      </text>
    </>
  );
}

/** The graph of `describe()`: boxes in columns left to right, each step with its live figures. */
export function TopologyGraph({ topology }: { topology: TopologyView }) {
  const placed = layout(topology.nodes, topology.edges);
  const at = new Map(placed.map((p) => [p.node.id, p]));
  // A band is one lane high, two when a store hangs under one of its steps.
  const lanes = (band: number) => (placed.some((p) => p.band === band && p.lane === 1) ? 2 : 1);
  const top = (band: number) => Array.from({ length: band }, (_, b) => lanes(b) * (HEIGHT + GAP_Y) + GAP_Y).reduce((a, h) => a + h, 4);
  const y = (p: Placed) => top(p.band) + p.lane * (HEIGHT + GAP_Y);
  const width = Math.max(...placed.map((p) => x(p) + WIDTH)) + 4;
  const height = Math.max(...placed.map((p) => y(p) + HEIGHT)) + 4;
  return (
    <div class="topology-graph">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`topology ${topology.applicationId}`}>
        <defs>
          <marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="8" markerHeight="8" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill="#98a2b3" />
          </marker>
        </defs>
        {topology.edges.map(({ from, to }) => {
          const a = at.get(from);
          const b = at.get(to);
          if (a === undefined || b === undefined) return null;
          // Along a lane: side to side; to another band or a store: bottom to top.
          const across = a.band === b.band && a.lane === b.lane;
          const [x1, y1, x2, y2] = across ? [x(a) + WIDTH, y(a) + HEIGHT / 2, x(b), y(b) + HEIGHT / 2] : [x(a) + WIDTH / 2, y(a) + HEIGHT, x(b) + WIDTH / 2, y(b)];
          const bend = across ? `C${x1 + GAP_X / 2},${y1} ${x2 - GAP_X / 2},${y2}` : `C${x1},${y1 + GAP_Y * 2} ${x2},${y2 - GAP_Y * 2}`;
          return <path key={`${from}->${to}`} class="edge" d={`M${x1},${y1} ${bend} ${x2},${y2}`} marker-end="url(#arrow)" />;
        })}
        {placed.map((p) => {
          const figures = topology.figures[p.node.id];
          return (
            <g key={p.node.id} class={`node ${p.node.kind}`} data-node={p.node.id}>
              <title>{p.node.id}</title>
              <rect x={x(p)} y={y(p)} width={WIDTH} height={HEIGHT} rx={8} />
              {/* Operators are the plain blue boxes; the other kinds say what they are. */}
              {p.node.kind === 'operator' ? null : <text x={x(p) + WIDTH - 10} y={y(p) + 18} class="kind" text-anchor="end">{p.node.kind === 'source' ? 'topic' : p.node.kind}</text>}
              <text x={x(p) + 10} y={y(p) + (figures === undefined ? 52 : 20)} class="label" data-testid="node-label">
                {shorten(p.node.label, p.node.kind === 'sink' ? 18 : 23)}
              </text>
              {figures === undefined ? null : <Figures figures={figures} left={x(p) + 10} top={y(p)} />}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
