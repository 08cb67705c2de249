import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { dashboardTables } from '../../../console/server/dashboard-routes.ts';
import { DASHBOARDS } from '../../../console/server/dashboards.ts';
import { SubjectImpactReader, topicOfSubject } from '../../../console/server/subject-impact.ts';
import type { SubjectImpact } from '../../../console/web/src/api-types.ts';
import type { Topology, TopologyDescription } from '../../../runtime/topology.ts';
import { EVENT_TABLES } from '../../../sinks/clickhouse/clickhouse-schema.ts';
import { salesKpis, sourceTables } from '../../../sinks/clickhouse/kpi-queries/index.ts';
import { crawlStateTopicSpec } from '../../../sources/crawler/crawl-state-store.ts';
import { bronzeTopology, rawTopics } from '../../../topology/bronze-topology.ts';
import { marketPipelineTopology } from '../../../topology/market-pipeline-topology.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';
import { salesPipelineTopology } from '../../../topology/sales-pipeline-topology.ts';
import { inMemoryStack } from '../../support/in-memory-stack.ts';

describe('topicOfSubject', () => {
  it('reads the topic of a TopicNameStrategy subject, value or key', () => {
    assert.equal(topicOfSubject('shelfstream.orders-value'), 'shelfstream.orders');
    assert.equal(topicOfSubject('shelfstream.orders-key'), 'shelfstream.orders');
    assert.equal(topicOfSubject('a-value-value'), 'a-value');
  });

  it('finds no topic in a subject named otherwise (RecordNameStrategy, a bare name)', () => {
    assert.equal(topicOfSubject('com.shelfstream.raw.SalesOrder'), undefined);
    assert.equal(topicOfSubject('-value'), undefined);
    assert.equal(topicOfSubject('money'), undefined);
  });
});

describe('the Impact of the main topologies\' input subjects, from their describe() and the dashboards\' definitions', () => {
  const config = loadConfig();
  const { driver, serde } = inMemoryStack();
  const p = (topic: string) => ({ topic, partitions: 2 });
  // Built, never run: describe() is the graph, and building opens no connection.
  const topologies: Topology[] = [
    salesPipelineTopology({ applicationId: 'sales', orders: p('orders'), enrichedTopic: 'enriched-orders', serde, config }),
    orderRevenueTopology({ applicationId: 'revenue', orders: p('orders'), outputTopic: 'revenue', serde, gold: { config, namespace: 'gold' } }),
    marketPipelineTopology({
      applicationId: 'market',
      products: p('catalog-products'),
      observations: p('observations'),
      reviews: p('reviews'),
      crawl: { pages: p('product-pages'), state: crawlStateTopicSpec('crawl-state'), frontier: p('crawl-frontier') },
      enrichedObservationsTopic: 'enriched-observations',
      serde,
      driver,
      config,
    }),
    bronzeTopology({ applicationId: 'bronze', topics: rawTopics.map(p), config }),
  ];
  const descriptions = topologies.map((t) => t.describe());

  after(async () => {
    // The sales and market pipelines' ClickHouse clients close with their tables.
    await Promise.all(topologies.flatMap((t) => t.tables.map(async (table) => table.stop())));
  });

  /** The impact of every input topic's value subject, as the console computes it against these members. */
  async function impacts(of: readonly TopologyDescription[]): Promise<SubjectImpact[]> {
    const reader = new SubjectImpactReader(
      { latestId: () => Promise.resolve(undefined), usages: () => Promise.resolve([]) },
      { topicNames: () => Promise.resolve([]) },
      { urls: ['http://member'], descriptions: () => Promise.resolve({ descriptions: [...of], unreachable: [] }) },
      DASHBOARDS,
    );
    return Promise.all(of.flatMap(inputTopics).map(async (topic) => reader.of(`${topic}-value`)));
  }

  it('names the table of every sink that writes no Kafka topic, a ClickHouse one among the event tables', () => {
    for (const d of descriptions) {
      for (const sink of d.nodes.filter((n) => n.kind === 'sink')) {
        const writesTopics = d.edges.some((e) => e.from === sink.id && e.to.startsWith('topic:'));
        assert.ok(writesTopics || sink.target !== undefined, `${d.applicationId} ${sink.id} writes no topic and names no table`);
        if (sink.target?.system === 'ClickHouse') assert.ok(Object.values(EVENT_TABLES).some((t) => t === sink.target?.table), `${sink.id}: ${sink.target.table}`);
      }
    }
    const targets = descriptions.flatMap((d) => d.nodes.flatMap((n) => (n.target === undefined ? [] : [`${n.target.system} ${n.target.table}`])));
    for (const table of ['ClickHouse orders_raw', 'ClickHouse orders_enriched', 'Iceberg sales.orders_enriched', 'Iceberg gold.revenue_per_minute', 'ClickHouse crawl_outcomes_raw', 'Iceberg bronze.orders_bronze']) {
      assert.ok(targets.includes(table), `${table} in ${targets.join(', ')}`);
    }
  });

  it('lists every table a topology loads in the impact of one of its input subjects', async () => {
    for (const d of descriptions) {
      const listed = new Set((await impacts([d])).flatMap((i) => i.tables.map((t) => `${t.system} ${t.table} ${t.sink}`)));
      const loaded = d.nodes.flatMap((n) => (n.target === undefined ? [] : [`${n.target.system} ${n.target.table} ${n.label}`]));
      assert.deepEqual([...listed].sort(), [...new Set(loaded)].sort(), d.applicationId);
    }
  });

  it('lists every dashboard panel in the impact of the subject its tables are loaded from', async () => {
    const listed = new Set((await impacts(descriptions)).flatMap((i) => i.panels.map((panel) => `${panel.page} · ${panel.panel}`)));
    for (const dashboard of DASHBOARDS) {
      assert.ok(dashboardTables(dashboard).length > 0, dashboard.page);
      for (const panel of dashboard.panels) assert.ok(listed.has(`${dashboard.page} · ${panel.title}`), `${dashboard.page} · ${panel.title} is in no subject's impact`);
    }
    const [orders] = await impacts(descriptions.filter((d) => d.applicationId === 'sales'));
    assert.deepEqual(orders?.panels.find((panel) => panel.panel === 'Orders'), { page: 'Sales', panel: 'Orders', route: 'sales', tables: ['orders_enriched'] });
  });

  it('resolves a KPI table to the table its materialized views select from, as the migrations create them', () => {
    assert.deepEqual(salesKpis.reads, ['sales_kpis_minute', 'sales_kpis_hour']);
    assert.deepEqual(sourceTables(salesKpis), ['orders_enriched']);
    assert.deepEqual(sourceTables({ reads: ['asin_observations_hour', 'asin_reviews_day', 'crawl_outcomes_raw'] }), ['crawl_outcomes_raw', 'observations_enriched', 'reviews_raw']);
  });
});

/** The topics a description reads that none of its sinks writes. */
function inputTopics(d: TopologyDescription): string[] {
  const written = new Set(d.edges.filter((e) => e.to.startsWith('topic:')).map((e) => e.to));
  return d.nodes.filter((n) => n.kind === 'source' && !written.has(n.id)).map((n) => n.label);
}
