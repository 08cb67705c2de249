import { InvalidNameError } from '../errors/index.ts';
import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import type { SinkFactory, SinkTarget } from '../sinks/sink.ts';
import { changelogSpec, changelogTopic } from './changelog.ts';
import { storesOf, type SubTopology } from './sub-topology.ts';

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

export interface TopologyOptions {
  /** Names the consumer group, and prefixes changelog, dead-letter and late topics. */
  readonly applicationId: string;
  /** Source topics the topology reads but does not create, with their partition counts. */
  readonly inputs: readonly TopicSpec[];
  readonly subTopologies: readonly SubTopology[];
  /** Tables joined by the chains (latest value per key of a topic), loaded before any task runs. */
  readonly tables?: readonly TopologyTable[];
  /**
   * The sink every task also adds its batches to, for their dead letters and late records, given
   * the topics the topology names for them (and creates). The runtime knows sinks only by contract.
   */
  readonly sideOutputs: (topics: { readonly deadLetter: string; readonly late: string }) => SinkFactory<unknown>;
}

/** A table a topology reads from: started (caught up) before processing, stopped after. */
export interface TopologyTable {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A node of the graph; a sink loading a table outside Kafka names it as its `target`. */
export interface DescribedNode {
  readonly id: string;
  readonly kind: 'source' | 'operator' | 'sink' | 'store';
  readonly label: string;
  readonly target?: SinkTarget;
}

export interface TopologyDescription {
  readonly applicationId: string;
  readonly nodes: readonly DescribedNode[];
  readonly edges: readonly { from: string; to: string }[];
  readonly topics: readonly string[];
  readonly stores: readonly { name: string; changelog: string }[];
}

/** A validated graph of sub-topologies, with every topic it needs and a description for the console. */
export class Topology {
  readonly applicationId: string;
  readonly inputs: readonly TopicSpec[];
  readonly subTopologies: readonly SubTopology[];
  readonly tables: readonly TopologyTable[];
  readonly sideOutputSink: SinkFactory<unknown>;

  constructor(options: TopologyOptions) {
    checkName('application id', options.applicationId);
    for (const sub of options.subTopologies) {
      checkName('sub-topology', sub.name);
      for (const step of [...sub.steps.map((s) => s.name), sub.sinkName]) checkName(`step of ${sub.name}`, step);
      const steps = sub.steps.map((s) => s.name);
      const twice = steps.find((s, i) => steps.indexOf(s) !== i);
      if (twice !== undefined) throw new InvalidNameError(`step of ${sub.name}`, twice, 'is named twice');
    }
    const stores = options.subTopologies.flatMap(storesOf);
    const duplicate = stores.find((s, i) => stores.indexOf(s) !== i);
    if (duplicate !== undefined) throw new InvalidNameError('store', duplicate, 'is declared twice');
    this.applicationId = options.applicationId;
    this.inputs = options.inputs;
    this.subTopologies = options.subTopologies;
    this.tables = options.tables ?? [];
    this.sideOutputSink = options.sideOutputs({ deadLetter: this.deadLetterTopic, late: this.lateTopic });
  }

  get deadLetterTopic(): string {
    return `${this.applicationId}.dead-letter`;
  }

  get lateTopic(): string {
    return `${this.applicationId}.late`;
  }

  partitionsOf(topic: string): number {
    const spec = [...this.inputs, ...this.subTopologies.flatMap((s) => s.sinkTopics)].find((t) => t.topic === topic);
    if (spec === undefined) throw new InvalidNameError('topic', topic, 'is read but neither an input nor written by a sub-topology');
    return spec.partitions;
  }

  /** Every topic the topology writes: sink topics, changelogs (one partition per source partition), dead letters, late records. */
  topicsToCreate(): TopicSpec[] {
    const maxPartitions = Math.max(1, ...this.subTopologies.map((s) => this.partitionsOf(s.source)));
    return [
      ...this.subTopologies.flatMap((s) => s.sinkTopics),
      ...this.subTopologies.flatMap((s) =>
        storesOf(s).map((store) => changelogSpec(changelogTopic(this.applicationId, store), this.partitionsOf(s.source))),
      ),
      { topic: this.deadLetterTopic, partitions: maxPartitions },
      { topic: this.lateTopic, partitions: maxPartitions },
    ];
  }

  describe(): TopologyDescription {
    const nodes: DescribedNode[] = [];
    const edges: { from: string; to: string }[] = [];
    for (const sub of this.subTopologies) {
      const source = `topic:${sub.source}`;
      if (!nodes.some((n) => n.id === source)) nodes.push({ id: source, kind: 'source', label: sub.source });
      let previous = source;
      for (const step of sub.steps) {
        const id = `${sub.name}/${step.name}`;
        nodes.push({ id, kind: 'operator', label: step.name });
        edges.push({ from: previous, to: id });
        previous = id;
        if (step.stateful) {
          nodes.push({ id: `store:${step.name}`, kind: 'store', label: step.name });
          edges.push({ from: id, to: `store:${step.name}` });
        }
      }
      const sink = `${sub.name}/${sub.sinkName}`;
      const { target } = sub.sink;
      nodes.push({ id: sink, kind: 'sink', label: sub.sinkName, ...(target === undefined ? {} : { target }) });
      edges.push({ from: previous, to: sink });
      for (const t of sub.sinkTopics) {
        const id = `topic:${t.topic}`;
        if (!nodes.some((n) => n.id === id)) nodes.push({ id, kind: 'source', label: t.topic });
        edges.push({ from: sink, to: id });
      }
    }
    return {
      applicationId: this.applicationId,
      nodes,
      edges,
      topics: [...new Set([...this.inputs.map((t) => t.topic), ...this.topicsToCreate().map((t) => t.topic)])],
      stores: this.subTopologies.flatMap((s) => storesOf(s).map((name) => ({ name, changelog: changelogTopic(this.applicationId, name) }))),
    };
  }

  /** The graph as text, one sub-topology per paragraph. */
  describeText(): string {
    return this.subTopologies
      .map((s) =>
        [
          `sub-topology ${s.name}`,
          `  source  ${s.source}`,
          ...s.steps.map((step) => `  -> ${step.name}${step.stateful ? ` (store ${changelogTopic(this.applicationId, step.name)})` : ''}`),
          `  -> ${s.sinkName} => ${s.sinkTopics.map((t) => t.topic).join(', ') || '(external)'}`,
        ].join('\n'),
      )
      .join('\n\n');
  }
}

function checkName(what: string, name: string): void {
  if (!NAME.test(name)) throw new InvalidNameError(what, name, 'must be lowercase letters, digits and dashes, starting with a letter');
}
