import { sourceTables } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { ImpactPanel, ImpactStep, ImpactTable, ImpactTopic, SubjectImpact } from '../web/src/api-types.ts';
import type { TopologyNode } from '../web/src/topology/topology-types.ts';
import type { Dashboard } from './dashboard-routes.ts';
import type { KafkaBrowser } from './kafka-browser.ts';
import type { RegistryBrowser } from './registry-browser.ts';
import { TOPOLOGY_URLS_SETTING, type Description, type TopologyMembers } from './topology-members.ts';

/** The topic a subject is named after by the TopicNameStrategy (`<topic>-value`, `<topic>-key`). */
export function topicOfSubject(subject: string): string | undefined {
  return /^(.+)-(?:value|key)$/.exec(subject)?.[1];
}

const TOPIC_NODE = 'topic:';

/**
 * What a change to a subject's schema touches: the topics carrying it (its own, and those of
 * subjects registered with the same schema), the running topologies' steps reading them, the
 * tables their sinks load (each sink names its table in describe()), and the dashboard panels
 * whose KPI queries read those tables or what their views feed; the topologies' output topics are
 * followed too, marked with the topic they came from.
 */
export class SubjectImpactReader {
  readonly #registry: Pick<RegistryBrowser, 'latestId' | 'usages'>;
  readonly #kafka: Pick<KafkaBrowser, 'topicNames'>;
  readonly #members: Pick<TopologyMembers, 'descriptions' | 'urls'>;
  readonly #dashboards: readonly Dashboard<string>[];

  constructor(
    registry: Pick<RegistryBrowser, 'latestId' | 'usages'>,
    kafka: Pick<KafkaBrowser, 'topicNames'>,
    members: Pick<TopologyMembers, 'descriptions' | 'urls'>,
    dashboards: readonly Dashboard<string>[],
  ) {
    this.#registry = registry;
    this.#kafka = kafka;
    this.#members = members;
    this.#dashboards = dashboards;
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
          for (const { label, target } of sub.sinks) {
            if (target !== undefined) tables.push({ ...target, applicationId: description.applicationId, sink: label, topic });
          }
          for (const out of sub.writes.filter((t) => !topics.has(t))) {
            topics.set(out, { topic: out, subject: `${out}-value`, exists: existing.has(out), via: topic });
            queue.push(out);
          }
        }
      }
    }
    const loaded = new Set(tables.filter((t) => t.system === 'ClickHouse').map((t) => t.table));
    const panels = this.#dashboards.flatMap((d) =>
      d.panels.flatMap((p): ImpactPanel[] => {
        const reads = [...new Set(p.queries.flatMap(sourceTables))].filter((t) => loaded.has(t));
        return reads.length === 0 ? [] : [{ page: d.page, panel: p.title, route: d.route ?? null, tables: reads }];
      }),
    );
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
function readersOf(description: Description, topic: string): { name: string; steps: string[]; sinks: TopologyNode[]; writes: string[] }[] {
  const { nodes, edges } = description;
  return edges
    .filter((e) => e.from === `${TOPIC_NODE}${topic}`)
    .map((e) => {
      const name = e.to.split('/')[0] ?? e.to;
      const own = (kind: string) => nodes.filter((n) => n.kind === kind && n.id.startsWith(`${name}/`));
      const sinks = own('sink');
      const writes = edges.filter((w) => sinks.some((s) => s.id === w.from) && w.to.startsWith(TOPIC_NODE)).map((w) => w.to.slice(TOPIC_NODE.length));
      return { name, steps: own('operator').map((n) => n.label), sinks, writes };
    });
}
