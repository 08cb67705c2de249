import { render } from 'preact';
import type { ConsoleInfo } from './api-types.ts';
import { WhenLoaded } from './components/state-panels.tsx';
import { AsinPage } from './pages/asin-page.tsx';
import { CrawlPage } from './pages/crawl-page.tsx';
import { DiffPage } from './pages/diff-page.tsx';
import { MoversPage } from './pages/movers-page.tsx';
import { ProductsPage } from './pages/products-page.tsx';
import { ReconcilePage } from './pages/reconcile-page.tsx';
import { SalesPage } from './pages/sales-page.tsx';
import { SubjectPage } from './pages/subject-page.tsx';
import { SubjectsPage } from './pages/subjects-page.tsx';
import { isTopicKind } from './pages/topic-kind.ts';
import { TopicPage } from './pages/topic-page.tsx';
import { TopicsPage } from './pages/topics-page.tsx';
import { TopologyPage } from './pages/topology-page.tsx';
import { href, useRoute, type Route } from './route.ts';
import { useApi } from './use-api.ts';
import './styles.css';

function Page({ route, info }: { route: Route; info: ConsoleInfo }) {
  const [section = 'subjects', name, sub] = route.segments;
  if (section === 'subjects' && name !== undefined && sub === 'diff') return <DiffPage subject={name} route={route} />;
  if (section === 'subjects' && name !== undefined) return <SubjectPage key={name} subject={name} route={route} info={info} />;
  if (isTopicKind(section) && name !== undefined) return <TopicPage key={name} topic={name} route={route} kind={section} />;
  if (isTopicKind(section)) return <TopicsPage kind={section} />;
  if (section === 'sales') return <SalesPage route={route} />;
  if (section === 'products') return <ProductsPage route={route} />;
  if (section === 'movers') return <MoversPage route={route} />;
  if (section === 'crawl') return <CrawlPage route={route} />;
  if (section === 'asins' && name !== undefined) return <AsinPage key={name} asin={name} route={route} />;
  if (section === 'topology') return <TopologyPage />;
  if (section === 'reconcile') return <ReconcilePage route={route} />;
  return <SubjectsPage route={route} info={info} />;
}

function App() {
  const route = useRoute();
  const [info, reload] = useApi<ConsoleInfo>('info');
  const section = route.segments[0] ?? 'subjects';
  const tab = (name: string, label: string) => (
    <a href={href(name)} class={section === name ? 'active' : ''}>{label}</a>
  );
  return (
    <>
      <header>
        <strong>Shelfstream</strong>
        <nav>
          {tab('subjects', 'Schema Registry')}
          {tab('topics', 'Topics')}
          {tab('dead-letters', 'Dead letters')}
          {tab('late-records', 'Late records')}
          {tab('sales', 'Sales')}
          {tab('products', 'Products')}
          {tab('movers', 'Top movers')}
          {tab('crawl', 'Crawl')}
          {tab('topology', 'Topology')}
          {tab('reconcile', 'Reconcile')}
        </nav>
        {info.state === 'ready' && info.data.readOnly ? <span class="badge" data-testid="read-only">read-only</span> : null}
      </header>
      <main>
        <WhenLoaded loaded={info} what="the console" retry={reload} ready={(data) => <Page route={route} info={data} />} />
      </main>
    </>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
