import type { DecodedPart, TopicMessages } from '../api-types.ts';
import { EmptyPanel, WhenLoaded } from '../components/state-panels.tsx';
import { href, setQuery, type Route } from '../route.ts';
import { useApi } from '../use-api.ts';

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

/** A topic's latest records, decoded; on a dead-letter topic each record's reason and origin first. */
export function TopicPage({ topic, route, deadLetters }: { topic: string; route: Route; deadLetters: boolean }) {
  const limit = route.query.get('limit') ?? '20';
  const [loaded, reload] = useApi<TopicMessages>(`topics/${encodeURIComponent(topic)}/messages?limit=${limit}`);
  return (
    <section>
      <p class="crumbs"><a href={deadLetters ? href('dead-letters') : href('topics')}>{deadLetters ? 'Dead letters' : 'Topics'}</a> /</p>
      <h1 class="mono">{topic}</h1>
      <div class="filters">
        <label>
          Latest{' '}
          <select aria-label="records per partition" value={limit} onChange={(e) => { setQuery(route, { limit: e.currentTarget.value }); }}>
            {['10', '20', '50', '100'].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>{' '}
          records per partition
        </label>{' '}
        <button type="button" onClick={reload}>Refresh</button>
      </div>
      <WhenLoaded
        loaded={loaded}
        what="the latest records"
        retry={reload}
        ready={(data) => (
          <>
            <p class="footnote mono">{data.partitions.map((p) => `partition ${p.partition}: offsets ${p.start}→${p.end}`).join(' · ')}</p>
            {data.messages.length === 0 ? (
              <EmptyPanel>This topic holds no records.</EmptyPanel>
            ) : (
              <table class="grid messages" data-testid="messages">
                <thead>
                  <tr>
                    <th>Partition@offset</th><th>Timestamp</th>
                    {deadLetters ? <th>Reason</th> : null}
                    <th>Key</th><th>Value</th><th>Headers</th>
                  </tr>
                </thead>
                <tbody>
                  {data.messages.map((m) => (
                    <tr key={`${m.partition}@${m.offset}`}>
                      <td class="mono">{m.partition}@{m.offset}</td>
                      <td class="mono small">{m.timestamp}</td>
                      {deadLetters ? (
                        <td class="reason" data-testid="dead-letter-reason">
                          {m.deadLetter === undefined ? <span class="footnote">no dead-letter headers</span> : (
                            <>
                              <span class="badge removed">{m.deadLetter.code}</span>
                              <div>{m.deadLetter.message}</div>
                              <div class="footnote">step {m.deadLetter.step}{m.deadLetter.field === undefined ? '' : ` · field ${m.deadLetter.field}`}</div>
                              <div class="footnote mono">from {m.deadLetter.origin}</div>
                            </>
                          )}
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
    </section>
  );
}
