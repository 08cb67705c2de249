/** The Topology page's data, as the console server pushes it: shared by server and page. */

export interface TopologyNode {
  readonly id: string;
  readonly kind: 'source' | 'operator' | 'sink' | 'store';
  readonly label: string;
  /** A sink loading a table outside Kafka: which one (runtime/topology.ts's describe()). */
  readonly target?: { readonly system: 'ClickHouse' | 'Iceberg'; readonly table: string };
}

export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
}

/** What one step did, summed over the members and partitions; rates are null until two scrapes exist. */
export interface StepFigures {
  readonly in: number;
  readonly out: number;
  readonly deadLettered: number;
  readonly late: number;
  readonly errors: number;
  readonly inPerSecond: number | null;
  readonly outPerSecond: number | null;
}

export interface PartitionFigures {
  readonly member: string;
  readonly subTopology: string;
  readonly partition: string;
  readonly lag: number | null;
  readonly watermarkMs: number | null;
}

/** One application's graph, drawn once for all its running members. */
export interface TopologyView {
  readonly applicationId: string;
  readonly members: readonly string[];
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  /** By node id: `sub-topology/step` for steps and sinks. */
  readonly figures: Readonly<Record<string, StepFigures>>;
  readonly partitions: readonly PartitionFigures[];
}

export interface UnreachableMember {
  readonly url: string;
  readonly message: string;
}

export interface TopologySnapshot {
  readonly setting: string;
  readonly configured: readonly string[];
  readonly unreachable: readonly UnreachableMember[];
  readonly topologies: readonly TopologyView[];
  readonly scrapedAt: number;
}
