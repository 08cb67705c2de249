import type { ImpactStep, ImpactTable, ImpactTopic, SubjectImpact } from '../web/src/api-types.ts';
import { DASHBOARD_PANELS } from './dashboard-panels.ts';
import type { KafkaBrowser } from './kafka-browser.ts';
import type { RegistryBrowser } from './registry-browser.ts';
import { sinkTable } from './sink-tables.ts';
import { TOPOLOGY_URLS_SETTING, type Description, type TopologyMembers } from './topology-members.ts';

/** The topic a subject is named after by the TopicNameStrategy (`<topic>-value`, `<topic>-key`). */
export function topicOfSubject(subject: string): string | undefined {
  return /^(.+)-(?:value|key)$/.exec(subject)?.[1];
}

const TOPIC_NODE = 'topic:';

/**
 * What a change to a subject's schema touches: the topics carrying it (its own, and those of
 * subjects registered with the same schema), the running topologies' steps reading them, the
 * tables their sinks load, and the dashboard panels over those tables; the topologies' output
 * topics are followed too, marked with the topic they came from.
 */
export class SubjectImpactReader {
  readonly #registry: RegistryBrowser;
  readonly #kafka: KafkaBrowser;
  readonly #members: TopologyMembers;

  constructor(registry: RegistryBrowser, kafka: KafkaBrowser, members: TopologyMembers) {
    this.#registry = registry;
    this.#kafka = kafka;
    this.#members = members;
  }

  async of(subject: string): Promise<SubjectImpact> {
    const [id, names, { descriptions, unreachable }] = await Promise.all([
      this.#registry.latestId(subject),
      this.#kafka.topicNames(),
      this.#members.descriptions(),
    ]);
    const existing = new Set(names);
    const sharing = id === undefined ? [] : (await this.#registry.usages(id)).map((u) => u.subject);
    const topics = new Map<string, ImpactTopic>();
    for (const s of [subject, ...sharing]) {
      const topic = topicOfSubject(s);
      if (topic !== undefined && !topics.has(topic)) topics.set(topic, { topic, subject: s, exists: existing.has(topic) });
    }
    const steps: ImpactStep[] = [];
    const tables: ImpactTable[] = [];
    const queue = [...topics.keys()];
    for (let topic = queue.shift(); topic !== undefined; topic = queue.shift()) {
      const direct = topics.get(topic)?.via === undefined;
      for (const description of descriptions) {
        for (const sub of readersOf(description, topic)) {
          steps.push(...sub.steps.map((step, i) => ({ applicationId: description.applicationId, subTopology: sub.name, step, topic, decodes: direct && i === 0 })));
          for (const sink of sub.sinks) {
            const table = sinkTable(sink, description.applicationId);
            if (table !== undefined) tables.push({ ...table, applicationId: description.applicationId, sink, topic });
          }
          for (const out of sub.writes.filter((t) => !topics.has(t))) {
            topics.set(out, { topic: out, subject: `${out}-value`, exists: existing.has(out), via: topic });
            queue.push(out);
          }
        }
      }
    }
    const panels = DASHBOARD_PANELS.filter((p) => tables.some((t) => t.system === 'ClickHouse' && t.table === p.table));
    return {
      subject,
      topics: [...topics.values()],
      steps,
      tables,
      panels,
      members: { setting: TOPOLOGY_URLS_SETTING, configured: this.#members.urls.length, unreachable },
    };
  }
}

/** The sub-topologies of a description reading `topic`: their steps in order, sinks, and the topics the sinks write. */
function readersOf(description: Description, topic: string): { name: string; steps: string[]; sinks: string[]; writes: string[] }[] {
  const { nodes, edges } = description;
  return edges
    .filter((e) => e.from === `${TOPIC_NODE}${topic}`)
    .map((e) => {
      const name = e.to.split('/')[0] ?? e.to;
      const own = (kind: string) => nodes.filter((n) => n.kind === kind && n.id.startsWith(`${name}/`));
      const sinks = own('sink');
      const writes = edges.filter((w) => sinks.some((s) => s.id === w.from) && w.to.startsWith(TOPIC_NODE)).map((w) => w.to.slice(TOPIC_NODE.length));
      return { name, steps: own('operator').map((n) => n.label), sinks: sinks.map((n) => n.label), writes };
    });
}
