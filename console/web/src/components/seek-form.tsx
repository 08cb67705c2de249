import { useState } from 'preact/hooks';
import { setQuery, type Route } from '../route.ts';

type Mode = 'latest' | 'offset' | 'timestamp';

/** Where a topic's page reads from, kept in the URL: the latest records, an offset of a partition, or a time. */
export function SeekForm({ route }: { route: Route }) {
  const query = route.query;
  const [mode, setMode] = useState<Mode>(query.has('offset') ? 'offset' : query.has('timestamp') ? 'timestamp' : 'latest');
  const [partition, setPartition] = useState(query.get('partition') ?? '0');
  const [offset, setOffset] = useState(query.get('offset') ?? '0');
  const [timestamp, setTimestamp] = useState(query.get('timestamp') ?? new Date(Date.now() - 3_600_000).toISOString());
  const go = (event: Event) => {
    event.preventDefault();
    if (mode === 'offset') setQuery(route, { partition, offset, timestamp: '' });
    else if (mode === 'timestamp') setQuery(route, { partition: '', offset: '', timestamp });
    else setQuery(route, { partition: '', offset: '', timestamp: '' });
  };
  return (
    <form class="filters seek" onSubmit={go} data-testid="seek-form">
      <label>
        Read{' '}
        <select aria-label="read from" value={mode} onChange={(e) => { setMode(e.currentTarget.value as Mode); }}>
          <option value="latest">the latest records</option>
          <option value="offset">from an offset</option>
          <option value="timestamp">from a time</option>
        </select>
      </label>
      {mode === 'offset' ? (
        <>
          <label>
            partition{' '}
            <input aria-label="partition" class="mono" inputMode="numeric" size={4} value={partition} onInput={(e) => { setPartition(e.currentTarget.value.trim()); }} />
          </label>
          <label>
            offset <input aria-label="offset" class="mono" inputMode="numeric" size={10} value={offset} onInput={(e) => { setOffset(e.currentTarget.value.trim()); }} />
          </label>
        </>
      ) : null}
      {mode === 'timestamp' ? (
        <label>
          at or after{' '}
          <input
            aria-label="timestamp"
            class="mono"
            size={26}
            placeholder="2024-01-15T10:00:00Z or epoch ms"
            value={timestamp}
            onInput={(e) => { setTimestamp(e.currentTarget.value.trim()); }}
          />
        </label>
      ) : null}
      <button type="submit">Go</button>
    </form>
  );
}
