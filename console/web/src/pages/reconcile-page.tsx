import { useEffect, useRef, useState } from 'preact/hooks';
import { api, toFailure } from '../api.ts';
import { EmptyPanel, ErrorPanel, LoadingPanel } from '../components/state-panels.tsx';
import type { GoldReconciliation, LoadPartition, MainJobReconciled, NoMainJob, ReconcileAnswer } from '../reconcile/reconcile-types.ts';
import { setQuery, type Route } from '../route.ts';
import { count, utc } from '../sales/sales-format.ts';
import type { Loaded } from '../use-api.ts';

const DEFAULT_PREFIX = 'shelfstream';
// The page lists this many offsets or windows of one difference; `shelfstream reconcile` prints them all.
const LISTED = 100;

/**
 * The main job under the prefix in the URL, reconciled when asked (it reads whole topics, so
 * never on a timer): the orders per source partition and per day, the market loads per partition,
 * the gold tables; every differing row flagged and traced to its offsets or windows.
 */
export function ReconcilePage({ route }: { route: Route }) {
  const shared = route.query.get('prefix') ?? DEFAULT_PREFIX;
  // Typed apart from the URL, where an empty prefix would read as the default; a link opened here still sets it.
  const [prefix, setPrefix] = useState(shared);
  useEffect(() => { setPrefix((typed) => (typed === '' ? typed : shared)); }, [shared]);
  const [run, setRun] = useState<Loaded<ReconcileAnswer> | { readonly state: 'idle' }>({ state: 'idle' });
  // Only the latest run's answer is shown, should an older one come back after it.
  const latest = useRef(0);
  const reconcile = () => {
    const round = ++latest.current;
    setRun({ state: 'loading' });
    api<ReconcileAnswer>(`reconcile?prefix=${encodeURIComponent(prefix)}`).then(
      (data) => { if (round === latest.current) setRun({ state: 'ready', data }); },
      (error: unknown) => { if (round === latest.current) setRun({ state: 'failed', failure: toFailure(error) }); },
    );
  };
  return (
    <section>
      <h1>Reconcile</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); reconcile(); }}>
        <label for="reconcile-prefix">Main job prefix</label>
        <input
          id="reconcile-prefix"
          class="prefix"
          aria-label="prefix"
          value={prefix}
          onInput={(e) => {
            const typed = e.currentTarget.value.trim();
            setPrefix(typed);
            if (typed !== '') setQuery(route, { prefix: typed });
          }}
        />
        <button type="submit" disabled={run.state === 'loading' || prefix === ''}>Reconcile</button>
      </form>
      {run.state === 'idle' ? (
        <div class="panel" data-testid="reconcile-idle">
          Compares the main job's topics under <code>{prefix}</code> with what its sinks hold: per source partition and per day, the events in Kafka against the
          Iceberg silver and gold tables and ClickHouse, each difference traced to its offsets. It reads every record of those topics, so it runs when you ask.
        </div>
      ) : null}
      {run.state === 'loading' ? <LoadingPanel what={`every topic of the main job under ${prefix}, and its sinks`} /> : null}
      {run.state === 'failed' ? <ErrorPanel failure={run.failure} retry={reconcile} /> : null}
      {run.state === 'ready' ? run.data.found ? <Reconciled answer={run.data} /> : <NoJob answer={run.data} /> : null}
    </section>
  );
}

function NoJob({ answer }: { answer: NoMainJob }) {
  return (
    <EmptyPanel>
      <span data-testid="no-main-job">
        No main job under the prefix <code>{answer.prefix}</code>: Kafka lacks {answer.missingTopics.length} of the {answer.topics} topics its run creates
        ({listed(answer.missingTopics, 3)}). Run <code>shelfstream run --prefix {answer.prefix}</code> first, or give the prefix it ran under.
      </span>
    </EmptyPanel>
  );
}

function Reconciled({ answer }: { answer: MainJobReconciled }) {
  const { sales, market, gold } = answer.result;
  return (
    <>
      <div class={`panel ${answer.result.differs ? 'refused' : 'ok'}`} data-testid="verdict">
        {answer.result.differs ? 'Differences found: the flagged rows below say which offsets or windows differ.' : 'No difference: every topic and every sink agree.'}
      </div>
      <p class="footnote">
        Prefix <code>{answer.prefix}</code> · ClickHouse database <code>{answer.clickhouseDatabase}</code> · reconciled {utc(answer.reconciledAtMs)} UTC in{' '}
        {(answer.tookMs / 1000).toFixed(1)} s
      </p>

      <h2>Orders per source partition</h2>
      <table class="grid reconcile" data-testid="sales-partitions">
        <thead>
          <tr><th>Partition</th><th class="num">Events</th><th class="num">Orders</th>{answer.orderSinks.map((s) => <th key={s} class="num">{s}</th>)}</tr>
        </thead>
        <tbody>
          {sales.partitions.map((p) => {
            const off = new Set(p.differences.map((d) => d.sink));
            return (
              <tr key={p.partition} class={off.size > 0 ? 'removed' : ''} data-testid={`sales-partition-${p.partition}`}>
                <td>{p.partition}{off.size > 0 ? <Flag /> : null}</td>
                <td class="num">{count(p.sourceEvents)}</td>
                <td class="num">{count(p.sourceOrders)}</td>
                {answer.orderSinks.map((s) => <td key={s} class={`num${off.has(s) ? ' off' : ''}`} data-sink={s}>{count(p.sinks[s])}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
      <Differences
        testId="sales-differences"
        lines={[
          ...sales.partitions.flatMap((p) =>
            p.differences.flatMap((d) => [
              d.missing.length > 0 ? `partition ${p.partition}: ${d.sink} lacks the orders at offsets ${listed(d.missing)}` : '',
              d.doubled.length > 0 ? `partition ${p.partition}: ${d.sink} holds more than once the orders at offsets ${listed(d.doubled)}` : '',
            ]),
          ),
          ...Object.entries(sales.strays).map(([sink, ids]) => (ids.length > 0 ? `${sink} holds orders the source lacks: ${listed(ids)}` : '')),
        ]}
      />

      <h2>Orders per day of event time</h2>
      <table class="grid reconcile" data-testid="sales-days">
        <thead>
          <tr><th>Day</th><th class="num">Enriched topic</th><th class="num">Iceberg silver</th><th class="num">Iceberg gold</th><th class="num">ClickHouse KPIs</th></tr>
        </thead>
        <tbody>
          {sales.days.map((d) => (
            <tr key={d.day} class={d.differs ? 'removed' : ''} data-testid={`sales-day-${d.day}`}>
              <td>{d.day}{d.differs ? <Flag /> : null}</td>
              <td class="num">{count(d.enriched)}</td>
              <td class="num">{count(d.silver)}</td>
              <td class="num">{count(d.gold)}</td>
              <td class="num">{count(d.clickhouseKpis)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Market loads per partition</h2>
      <table class="grid reconcile" data-testid="market-loads">
        <thead>
          <tr><th>ClickHouse load</th><th>Topic</th><th class="num">Partition</th><th class="num">Records</th><th class="num">Expected</th><th class="num">Rows</th></tr>
        </thead>
        <tbody>
          {market.partitions.map((p) => (
            <tr key={`${p.sink}/${p.partition}`} class={loadDiffers(p) ? 'removed' : ''} data-testid={`load-${p.sink}-${p.partition}`}>
              <td>{p.sink}{loadDiffers(p) ? <Flag /> : null}</td>
              <td class="mono small">{p.topic}</td>
              <td class="num">{p.partition}</td>
              <td class="num">{count(p.records)}</td>
              <td class="num">{count(p.expected)}</td>
              <td class={`num${p.rows === p.expected ? '' : ' off'}`}>{count(p.rows)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="footnote">Expected: the records the table should hold, those dead-lettered, repeated (for a deduplicating load) or tombstones left out.</p>
      <Differences
        testId="market-differences"
        lines={market.partitions.flatMap((p) => [
          p.missing.length > 0 ? `${p.sink} lacks ${p.topic} partition ${p.partition} offsets ${listed(p.missing)}` : '',
          p.doubled.length > 0 ? `${p.sink} holds more than once ${p.topic} partition ${p.partition} offsets ${listed(p.doubled)}` : '',
          p.strays.length > 0 ? `${p.sink} holds ${p.topic} partition ${p.partition} offsets it should not (dead-lettered or repeats): ${listed(p.strays)}` : '',
        ])}
      />

      <h2>Gold tables</h2>
      <table class="grid reconcile" data-testid="gold-tables">
        <thead>
          <tr><th>Iceberg table</th><th>Topic</th><th class="num">Windows</th><th class="num">Rows</th></tr>
        </thead>
        <tbody>
          {gold.map((g) => (
            <tr key={g.table} class={g.differs ? 'removed' : ''} data-testid={`gold-${g.table}`}>
              <td>{g.table}{g.differs ? <Flag /> : null}</td>
              <td class="mono small">{g.topic}</td>
              <td class="num">{count(g.windows)}</td>
              <td class={`num${g.rows === g.windows ? '' : ' off'}`}>{count(g.rows)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="footnote">A window is metric|key|start; the table should hold the latest result of each window its topic carries, once.</p>
      <Differences testId="gold-differences" lines={gold.flatMap(goldDifferences)} />
    </>
  );
}

const Flag = () => <span class="badge removed" data-testid="differs">differs</span>;

/** A section's differences as a list (empty lines are the checks that found none); nothing when it has none. */
function Differences({ testId, lines }: { testId: string; lines: readonly string[] }) {
  const said = lines.filter((line) => line !== '');
  if (said.length === 0) return null;
  return <ul class="differences" data-testid={testId}>{said.map((line) => <li key={line}>{line}</li>)}</ul>;
}

const loadDiffers = (p: LoadPartition): boolean => p.missing.length + p.doubled.length + p.strays.length > 0;

function goldDifferences(g: GoldReconciliation): string[] {
  const said = [['lacks', g.missing], ['holds twice', g.doubled], ['holds an older result of', g.stale], ['holds windows its topic lacks:', g.strays]] as const;
  return said.filter(([, ids]) => ids.length > 0).map(([what, ids]) => `${g.table} ${what} ${listed(ids)}`);
}

/** Up to `limit` items, then how many more. */
function listed(items: readonly string[], limit = LISTED): string {
  const shown = items.slice(0, limit).join(', ');
  return items.length > limit ? `${shown} and ${items.length - limit} more` : shown;
}
