import type { SchemaChange, VersionDetail, VersionDiff } from '../api-types.ts';
import { FieldsTable } from '../components/fields-table.tsx';
import { EmptyPanel, WhenLoaded } from '../components/state-panels.tsx';
import { href, type Route } from '../route.ts';
import { useApi } from '../use-api.ts';

/** Which rows of each side a change touches: removed and changed on the left, added and changed on the right. */
function marks(changes: readonly SchemaChange[], side: 'from' | 'to'): Map<string, string> {
  const found = new Map<string, string>();
  for (const c of changes) {
    if (c.change === 'changed' || (side === 'from' ? c.change === 'removed' : c.change === 'added')) found.set(c.path, c.change);
  }
  return found;
}

/** Two versions side by side, fields added, removed and changed highlighted, and the changes listed. */
export function DiffPage({ subject, route }: { subject: string; route: Route }) {
  const from = route.query.get('from') ?? '1';
  const to = route.query.get('to') ?? '2';
  const [loaded, reload] = useApi<VersionDiff>(`subjects/${encodeURIComponent(subject)}/diff?from=${from}&to=${to}`);
  const side = (v: VersionDetail, which: 'from' | 'to', changes: readonly SchemaChange[]) => (
    <div class="side">
      <h2>Version {v.version} <span class="footnote">id {v.id}</span></h2>
      <FieldsTable fields={v.fields} marks={marks(changes, which)} />
    </div>
  );
  return (
    <section>
      <p class="crumbs"><a href={href('subjects')}>Subjects</a> / <a href={href('subjects', subject)}>{subject}</a> /</p>
      <h1>Diff of versions {from} and {to}</h1>
      <WhenLoaded
        loaded={loaded}
        what="both versions"
        retry={reload}
        ready={(diff) => (
          <>
            {diff.changes.length === 0 ? (
              <EmptyPanel>The two versions have the same fields.</EmptyPanel>
            ) : (
              <table class="grid changes" data-testid="changes">
                <thead><tr><th>Change</th><th>Path</th><th>What</th><th>Before</th><th>After</th></tr></thead>
                <tbody>
                  {diff.changes.map((c) => (
                    <tr key={`${c.path}/${c.aspect}/${c.change}`} class={c.change}>
                      <td><span class={`badge ${c.change}`}>{c.change}</span></td>
                      <td class="mono">{c.path}</td>
                      <td>{c.aspect}</td>
                      <td class="mono">{c.before ?? ''}</td>
                      <td class="mono">{c.after ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div class="side-by-side">
              {side(diff.from, 'from', diff.changes)}
              {side(diff.to, 'to', diff.changes)}
            </div>
          </>
        )}
      />
    </section>
  );
}
