import type { TopologyEdge, TopologyNode } from './topology-types.ts';

export interface Placed {
  readonly node: TopologyNode;
  /** The sub-topology's band, top to bottom. */
  readonly band: number;
  readonly column: number;
  /** 0: the chain; 1: a store, under its step. */
  readonly lane: number;
}

/** The sub-topology a node belongs to: its own, a store's step's, a topic's reader's (else its writer's). */
function bandKey(node: TopologyNode, edges: readonly TopologyEdge[]): string {
  const sub = (id: string) => (id.includes('/') ? id.slice(0, id.indexOf('/')) : undefined);
  if (node.kind === 'operator' || node.kind === 'sink') return sub(node.id) ?? node.id;
  const reader = edges.find((e) => e.from === node.id && sub(e.to) !== undefined);
  const writer = edges.find((e) => e.to === node.id && sub(e.from) !== undefined);
  return sub(reader?.to ?? writer?.from ?? '') ?? node.id;
}

/**
 * One band per sub-topology, its chain left to right (a node's column is its longest path from the
 * band's start), stores under their step. Enough for the chains `describe()` gives, no graph library needed.
 */
export function layout(nodes: readonly TopologyNode[], edges: readonly TopologyEdge[]): Placed[] {
  const keys = new Map(nodes.map((n) => [n.id, bandKey(n, edges)]));
  const bands = [...new Set(keys.values())];
  const inBand = edges.filter((e) => keys.get(e.from) === keys.get(e.to) && !e.to.startsWith('store:'));
  const column = new Map(nodes.map((n) => [n.id, 0]));
  // A topology is acyclic, so the longest paths settle within as many passes as there are nodes.
  for (let pass = 0; pass < nodes.length; pass++) {
    let moved = false;
    for (const { from, to } of inBand) {
      const next = (column.get(from) ?? 0) + 1;
      if (next > (column.get(to) ?? 0)) {
        column.set(to, next);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return nodes.map((node) => {
    const band = bands.indexOf(keys.get(node.id) ?? node.id);
    if (node.kind !== 'store') return { node, band, column: column.get(node.id) ?? 0, lane: 0 };
    const step = edges.find((e) => e.to === node.id)?.from ?? '';
    return { node, band, column: column.get(step) ?? 0, lane: 1 };
  });
}
