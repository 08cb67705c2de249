import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { ServiceUnavailableError } from '../../errors/index.ts';
import type { PartitionFigures, StepFigures, TopologyEdge, TopologyNode, TopologySnapshot, TopologyView, UnreachableMember } from '../web/src/topology/topology-types.ts';

export const TOPOLOGY_URLS_SETTING = 'SHELFSTREAM_CONSOLE_TOPOLOGY_URLS';

/** A member's `/topology`: its describe(). */
export interface Description {
  readonly applicationId: string;
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

interface MemberScrape {
  readonly url: string;
  readonly description: Description;
  readonly samples: readonly Sample[];
}

type Totals = Omit<StepFigures, 'inPerSecond' | 'outPerSecond'>;
const ZERO: Totals = { in: 0, out: 0, deadLettered: 0, late: 0, errors: 0 };

/**
 * The running topology members the console follows (`SHELFSTREAM_CONSOLE_TOPOLOGY_URLS`): each
 * scrape reads every member's `/topology` and `/metrics` and folds them into one view per
 * application, records per second coming from the previous snapshot.
 */
export class TopologyMembers {
  readonly #urls: readonly string[];
  readonly #timeoutMs: number;

  constructor(urls: readonly string[], timeoutMs: number) {
    this.#urls = urls.map((u) => u.replace(/\/+$/, ''));
    this.#timeoutMs = timeoutMs;
  }

  async snapshot(previous: TopologySnapshot | undefined, now = Date.now()): Promise<TopologySnapshot> {
    const results = await Promise.all(this.#urls.map(async (url) => this.#scrape(url)));
    const scrapes = results.filter((r): r is MemberScrape => 'samples' in r);
    const unreachable = results.filter((r): r is UnreachableMember => 'message' in r);
    const applications = [...new Set(scrapes.map((s) => s.description.applicationId))];
    const topologies = applications.map((id) => view(scrapes.filter((s) => s.description.applicationId === id), previous, now));
    return { setting: TOPOLOGY_URLS_SETTING, configured: this.#urls, unreachable, topologies, scrapedAt: now };
  }

  /** The members' addresses, from the setting. */
  get urls(): readonly string[] {
    return this.#urls;
  }

  /** Every reachable member's describe(), one per application, and the members that did not answer. */
  async descriptions(): Promise<{ descriptions: Description[]; unreachable: string[] }> {
    const results = await Promise.all(
      this.#urls.map(async (url) => this.#get(`${url}/topology`).then((text) => JSON.parse(text) as Description, () => url)),
    );
    const descriptions = results.filter((r): r is Description => typeof r !== 'string');
    const unique = [...new Map(descriptions.map((d) => [d.applicationId, d])).values()];
    return { descriptions: unique, unreachable: results.filter((r): r is string => typeof r === 'string') };
  }

  async #scrape(url: string): Promise<MemberScrape | UnreachableMember> {
    try {
      const [description, metrics] = await Promise.all([this.#get(`${url}/topology`), this.#get(`${url}/metrics`)]);
      const samples = parsePrometheusTextFormat(metrics).flatMap((family) =>
        family.metrics.map((m) => ({ name: family.name, labels: m.labels ?? {}, value: Number(m.value) })),
      );
      return { url, description: JSON.parse(description) as Description, samples };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { url, message: new ServiceUnavailableError(`topology member ${url}`, TOPOLOGY_URLS_SETTING, detail).message };
    }
  }

  async #get(url: string): Promise<string> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.#timeoutMs) });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    return response.text();
  }
}

/** Which total a step sample adds to: `shelfstream_step_records_total` by direction, errors apart. */
function stepField(sample: Sample): keyof Totals | undefined {
  if (sample.name === 'shelfstream_step_errors_total') return 'errors';
  if (sample.name !== 'shelfstream_step_records_total') return undefined;
  const fields: Record<string, keyof Totals> = { in: 'in', out: 'out', dead_lettered: 'deadLettered', late: 'late' };
  return fields[sample.labels.direction ?? ''];
}

function view(members: readonly MemberScrape[], previous: TopologySnapshot | undefined, now: number): TopologyView {
  const [first] = members;
  if (first === undefined) throw new Error('a topology view needs a member');
  const { applicationId, nodes, edges } = first.description;
  const totals = new Map<string, Totals>(nodes.filter((n) => n.kind === 'operator' || n.kind === 'sink').map((n) => [n.id, ZERO]));
  const add = (id: string, field: keyof Totals, value: number) => {
    const current = totals.get(id);
    if (current !== undefined) totals.set(id, { ...current, [field]: current[field] + value });
  };
  const sinks = new Map(nodes.filter((n) => n.kind === 'sink').map((n) => [n.id.split('/')[0], n.id]));
  const partitions = new Map<string, PartitionFigures>();
  for (const { url, samples } of members) {
    for (const sample of samples) {
      const { sub_topology: sub = '', step = '', partition = '' } = sample.labels;
      const field = stepField(sample);
      if (field !== undefined) add(`${sub}/${step}`, field, sample.value);
      if (sample.name === 'shelfstream_records_out_total') {
        // A sink is not a measured step: what its sub-topology handed it is its count.
        const sink = sinks.get(sub);
        if (sink !== undefined) {
          add(sink, 'in', sample.value);
          add(sink, 'out', sample.value);
        }
      }
      if (sample.name === 'shelfstream_consumer_lag' || sample.name === 'shelfstream_watermark_ms') {
        const key = `${url}|${sub}|${partition}`;
        const row = partitions.get(key) ?? { member: url, subTopology: sub, partition, lag: null, watermarkMs: null };
        partitions.set(key, sample.name === 'shelfstream_consumer_lag' ? { ...row, lag: sample.value } : { ...row, watermarkMs: sample.value });
      }
    }
  }
  const before = previous?.topologies.find((t) => t.applicationId === applicationId);
  const seconds = previous === undefined ? 0 : (now - previous.scrapedAt) / 1000;
  const rate = (current: number, last: number | undefined) => (last === undefined || seconds <= 0 ? null : Math.max(0, current - last) / seconds);
  const figures = Object.fromEntries(
    [...totals].map(([id, t]): [string, StepFigures] => [id, { ...t, inPerSecond: rate(t.in, before?.figures[id]?.in), outPerSecond: rate(t.out, before?.figures[id]?.out) }]),
  );
  const sorted = [...partitions.values()].sort((a, b) => a.member.localeCompare(b.member) || a.subTopology.localeCompare(b.subTopology) || Number(a.partition) - Number(b.partition));
  return { applicationId, members: members.map((m) => m.url), nodes, edges, figures, partitions: sorted };
}
