import type { ConsoleInfo, SubjectList } from '../api-types.ts';
import { CompatibilityEditor, LEVELS } from '../components/compatibility-editor.tsx';
import { EmptyPanel, WhenLoaded } from '../components/state-panels.tsx';
import { href, setQuery, type Route } from '../route.ts';
import { useApi } from '../use-api.ts';

/** Every subject with its record, level and versions; search and filters live in the URL. */
export function SubjectsPage({ route, info }: { route: Route; info: ConsoleInfo }) {
  const [loaded, reload] = useApi<SubjectList>('subjects');
  const q = route.query.get('q') ?? '';
  const record = route.query.get('record') ?? '';
  const level = route.query.get('level') ?? '';
  const deleted = route.query.get('deleted') ?? 'live';
  return (
    <section>
      <h1>Subjects</h1>
      <WhenLoaded
        loaded={loaded}
        what="subjects"
        retry={reload}
        ready={(list) => {
          const records = [...new Set(list.subjects.map((s) => s.recordName).filter((r) => r !== ''))].sort();
          const needle = q.toLowerCase();
          const shown = list.subjects.filter(
            (s) =>
              (needle === '' || s.subject.toLowerCase().includes(needle) || s.recordName.toLowerCase().includes(needle)) &&
              (record === '' || s.recordName === record) &&
              (level === '' || s.compatibility === level) &&
              (deleted === 'all' || (deleted === 'deleted') === s.deleted),
          );
          return (
            <>
              <CompatibilityEditor label="Global compatibility" level={list.globalCompatibility} path="compatibility" readOnly={info.readOnly} onSaved={reload} />
              <form class="filters" onSubmit={(e) => { e.preventDefault(); }}>
                <input type="search" placeholder="Search subjects or records" aria-label="search" value={q} onInput={(e) => { setQuery(route, { q: e.currentTarget.value }); }} />
                <select aria-label="record name" value={record} onChange={(e) => { setQuery(route, { record: e.currentTarget.value }); }}>
                  <option value="">any record</option>
                  {records.map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
                <select aria-label="compatibility level" value={level} onChange={(e) => { setQuery(route, { level: e.currentTarget.value }); }}>
                  <option value="">any level</option>
                  {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
                </select>
                <select aria-label="deleted" value={deleted} onChange={(e) => { setQuery(route, { deleted: e.currentTarget.value === 'live' ? '' : e.currentTarget.value }); }}>
                  <option value="live">live subjects</option>
                  <option value="deleted">soft-deleted only</option>
                  <option value="all">live and soft-deleted</option>
                </select>
              </form>
              {list.subjects.length === 0 ? (
                <EmptyPanel>The registry holds no subjects yet. Producers register one on their first record, or run <code>shelfstream schemas register</code>.</EmptyPanel>
              ) : shown.length === 0 ? (
                <EmptyPanel>No subject matches these filters.</EmptyPanel>
              ) : (
                <table class="grid" data-testid="subjects">
                  <thead>
                    <tr><th>Subject</th><th>Record</th><th>Latest</th><th>Versions</th><th>Compatibility</th></tr>
                  </thead>
                  <tbody>
                    {shown.map((s) => (
                      <tr key={s.subject} class={s.deleted ? 'deleted' : ''}>
                        <td><a href={href('subjects', s.subject)}>{s.subject}</a>{s.deleted ? <span class="badge removed">soft-deleted</span> : null}</td>
                        <td class="mono">{s.recordName}</td>
                        <td>{s.latestVersion ?? '—'}</td>
                        <td>{s.versions}</td>
                        <td>{s.compatibility}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p class="footnote">{shown.length} of {list.subjects.length} subjects · {info.registryUrl}</p>
            </>
          );
        }}
      />
    </section>
  );
}
