import type { DeadLetterInfo, DecodedPart, LateWindow, SeekStart, TopicMessages } from '../api-types.ts';
import { SeekForm } from '../components/seek-form.tsx';
import { EmptyPanel, WhenLoaded } from '../components/state-panels.tsx';
import { href, setQuery, type Route } from '../route.ts';
import { useApi } from '../use-api.ts';
import { TOPIC_KINDS, type TopicKind } from './topic-kind.ts';

/** The query of the records' call: how many per partition, and the position a seek starts at, from the page's URL. */
function messagesPath(topic: string, query: URLSearchParams): string {
  const wanted = new URLSearchParams({ limit: query.get('limit') ?? '20' });
  for (const name of ['partition', 'offset', 'timestamp']) {
    const value = query.get(name);
    if (value !== null) wanted.set(name, value);
  }
  return `topics/${encodeURIComponent(topic)}/messages?${wanted.toString()}`;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A duration as a person reads it: `850 ms`, `12.5 s`, `3 min 20 s`, `2 h 5 min`. */
function duration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs < 1_000) return `${sign}${abs} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1_000).toFixed(1)} s`;
  if (abs < 3_600_000) return `${sign}${Math.floor(abs / 60_000)} min ${Math.round((abs % 60_000) / 1_000)} s`;
  return `${sign}${Math.floor(abs / 3_600_000)} h ${Math.round((abs % 3_600_000) / 60_000)} min`;
}

function SeekStarts({ starts, ends }: { starts: readonly SeekStart[]; ends: ReadonlyMap<number, string> }) {
  return (
    <p class="footnote mono" data-testid="seek-start">
      Read from{' '}
      {starts.map((s) => `partition ${s.partition} at offset ${s.offset}${s.offset === ends.get(s.partition) ? ' (after every record)' : ''}`).join(' · ')}
    </p>
  );
}

function DeadLetterReason({ letter }: { letter: DeadLetterInfo | undefined }) {
  if (letter === undefined) return <span class="footnote">no dead-letter headers</span>;
  return (
    <>
      <span class="badge removed">{letter.code}</span>
      <div>{letter.message}</div>
      <div class="footnote">step {letter.step}{letter.field === undefined ? '' : ` · field ${letter.field}`}</div>
      <div class="footnote mono">from {letter.origin}</div>
    </>
  );
}

function Lateness({ letter, window }: { letter: DeadLetterInfo; window: LateWindow }) {
  return (
    <>
      <span class="badge changed" data-testid="lateness">{duration(window.latenessMs)} late</span>
      <div class="mono small">window [{iso(window.start)}, {iso(window.end)})</div>
      <div class="mono small">watermark {iso(window.watermark)}</div>
      <div class="mono small">event time {iso(window.eventTime)}</div>
      <div class="footnote">step {letter.step}</div>
      <div class="footnote mono">from {letter.origin}</div>
    </>
  );
}

function Part({ part }: { part: DecodedPart }) {
  return (
    <div class={`part ${part.kind}`}>
      {part.schemaId === undefined ? null : (
        <div class="footnote">
          schema id {part.schemaId}
          {part.subject === undefined ? null : (
            <>
              {' · '}
              <a href={href('subjects', part.subject.subject, { version: String(part.subject.version) })}>
                {part.subject.subject} v{part.subject.version}
              </a>
            </>
          )}
        </div>
      )}
      {part.problem === undefined ? null : <div class="problem">{part.problem}</div>}
      <pre>{part.shown}</pre>
    </div>
  );
}

/**
 * A topic's latest records, or those from an offset or a time, decoded; on a dead-letter topic each
 * record's reason and origin first, on a late-records topic its window, watermark and lateness.
 */
export function TopicPage({ topic, route, kind }: { topic: string; route: Route; kind: TopicKind }) {
  const limit = route.query.get('limit') ?? '20';
  const [loaded, reload] = useApi<TopicMessages>(messagesPath(topic, route.query));
  const refused = loaded.state === 'failed' && loaded.failure.status === 400 ? loaded.failure : undefined;
  return (
    <section>
      <p class="crumbs"><a href={href(kind)}>{TOPIC_KINDS[kind].title}</a> /</p>
      <h1 class="mono">{topic}</h1>
      <SeekForm key={route.query.toString()} route={route} />
      <div class="filters">
        <label>
          <select aria-label="records per partition" value={limit} onChange={(e) => { setQuery(route, { limit: e.currentTarget.value }); }}>
            {['10', '20', '50', '100'].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>{' '}
          records per partition
        </label>{' '}
        <button type="button" onClick={reload}>Refresh</button>
      </div>
      {refused === undefined ? null : (
        <div class="panel refused" role="alert" data-testid="seek-error">
          <h2>Cannot read from there</h2>
          <p class="message">{refused.message}</p>
        </div>
      )}
      {refused !== undefined ? null : (
        <WhenLoaded
          loaded={loaded}
          what="the records"
          retry={reload}
          ready={(data) => (
            <>
              <p class="footnote mono">{data.partitions.map((p) => `partition ${p.partition}: offsets ${p.start}→${p.end}`).join(' · ')}</p>
              {data.starts === undefined ? null : <SeekStarts starts={data.starts} ends={new Map(data.partitions.map((p) => [p.partition, p.end]))} />}
              {data.messages.length === 0 ? (
                <EmptyPanel>{data.starts === undefined ? 'This topic holds no records.' : 'No record from there.'}</EmptyPanel>
              ) : (
                <table class="grid messages" data-testid="messages">
                  <thead>
                    <tr>
                      <th>Partition@offset</th><th>Timestamp</th>
                      {kind === 'dead-letters' ? <th>Reason</th> : null}
                      {kind === 'late-records' ? <th>Lateness</th> : null}
                      <th>Key</th><th>Value</th><th>Headers</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.messages.map((m) => (
                      <tr key={`${m.partition}@${m.offset}`} data-position={`${m.partition}@${m.offset}`}>
                        <td class="mono">{m.partition}@{m.offset}</td>
                        <td class="mono small">{m.timestamp}</td>
                        {kind === 'dead-letters' ? (
                          <td class="reason" data-testid="dead-letter-reason"><DeadLetterReason letter={m.deadLetter} /></td>
                        ) : null}
                        {kind === 'late-records' ? (
                          <td class="reason" data-testid="late-record">
                            {m.deadLetter?.window === undefined ? <DeadLetterReason letter={m.deadLetter} /> : <Lateness letter={m.deadLetter} window={m.deadLetter.window} />}
                          </td>
                        ) : null}
                        <td><Part part={m.key} /></td>
                        <td><Part part={m.value} /></td>
                        <td class="mono small">
                          {Object.entries(m.headers).map(([name, value]) => <div key={name}>{name}: {value}</div>)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        />
      )}
    </section>
  );
}
