import type { TopologyEdge, TopologyNode } from './topology-types.ts';

export interface Placed {
  readonly node: TopologyNode;
  readonly column: number;
  readonly row: number;
}

/**
 * A node's column is the longest path to it from a node nothing feeds, so every edge points right;
 * a column's rows keep the description's order. Enough for chains of sub-topologies.
 */
export function layout(nodes: readonly TopologyNode[], edges: readonly TopologyEdge[]): Placed[] {
  const column = new Map(nodes.map((n) => [n.id, 0]));
  // A topology is acyclic, so the longest paths settle within as many passes as there are nodes.
  for (let pass = 0; pass < nodes.length; pass++) {
    let moved = false;
    for (const { from, to } of edges) {
      const next = (column.get(from) ?? 0) + 1;
      if (next > (column.get(to) ?? 0)) {
        column.set(to, next);
        moved = true;
      }
    }
    if (!moved) break;
  }
  const rows = new Map<number, number>();
  return nodes.map((node) => {
    const c = column.get(node.id) ?? 0;
    const row = rows.get(c) ?? 0;
    rows.set(c, row + 1);
    return { node, column: c, row };
  });
}
