import { useState } from 'preact/hooks';
import type { ConsoleInfo, SubjectDetail, VersionDetail } from '../api-types.ts';
import { CompatibilityEditor } from '../components/compatibility-editor.tsx';
import { FieldsTable } from '../components/fields-table.tsx';
import { ImpactPanel } from '../components/impact-panel.tsx';
import { SchemaTester } from '../components/schema-tester.tsx';
import { EmptyPanel, WhenLoaded } from '../components/state-panels.tsx';
import { VersionReferences } from '../components/version-references.tsx';
import { href, type Route } from '../route.ts';
import { useApi } from '../use-api.ts';

/** One subject: its level, version history, one version as schema, fields and references, diff and test, and what depends on it. */
export function SubjectPage({ subject, route, info }: { subject: string; route: Route; info: ConsoleInfo }) {
  const [loaded, reload] = useApi<SubjectDetail>(`subjects/${encodeURIComponent(subject)}`);
  return (
    <section>
      <p class="crumbs"><a href={href('subjects')}>Subjects</a> /</p>
      <h1 class="mono">{subject}</h1>
      <WhenLoaded
        loaded={loaded}
        what="the subject"
        retry={reload}
        ready={(detail) => {
          const latest = detail.versions.at(-1)?.version;
          const chosen = Number(route.query.get('version') ?? latest ?? 0);
          return (
            <>
              <CompatibilityEditor
                label={detail.compatibilityOwn ? 'Compatibility (this subject)' : 'Compatibility (global)'}
                level={detail.compatibility}
                path={`subjects/${encodeURIComponent(subject)}/compatibility`}
                readOnly={info.readOnly}
                onSaved={reload}
              />
              {latest === undefined ? (
                <EmptyPanel>This subject has no version.</EmptyPanel>
              ) : (
                <div class="columns">
                  <aside>
                    <h2>Versions</h2>
                    <ol class="versions" data-testid="versions">
                      {[...detail.versions].reverse().map((v) => (
                        <li key={v.version} class={v.version === chosen ? 'current' : ''}>
                          <a href={href('subjects', subject, { version: String(v.version) })}>version {v.version}</a>
                          <span class="footnote"> id {v.id}</span>
                          {v.deleted ? <span class="badge removed">soft-deleted</span> : null}
                        </li>
                      ))}
                    </ol>
                    {detail.versions.length > 1 ? <DiffPicker subject={subject} versions={detail.versions.map((v) => v.version)} /> : null}
                  </aside>
                  <VersionView subject={subject} version={chosen} />
                </div>
              )}
              <ImpactPanel subject={subject} />
            </>
          );
        }}
      />
    </section>
  );
}

function DiffPicker({ subject, versions }: { subject: string; versions: readonly number[] }) {
  const [from, setFrom] = useState(versions.at(-2) ?? 1);
  const [to, setTo] = useState(versions.at(-1) ?? 1);
  const choice = (value: number, set: (n: number) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => { set(Number(e.currentTarget.value)); }}>
      {versions.map((v) => <option key={v} value={v}>{v}</option>)}
    </select>
  );
  return (
    <div class="diff-picker">
      <h2>Compare</h2>
      {choice(from, setFrom, 'diff from')} → {choice(to, setTo, 'diff to')}{' '}
      <a class="button" href={href('subjects', subject, 'diff', { from: String(from), to: String(to) })}>Diff</a>
    </div>
  );
}

function VersionView({ subject, version }: { subject: string; version: number }) {
  const [loaded, reload] = useApi<VersionDetail>(`subjects/${encodeURIComponent(subject)}/versions/${version}`);
  return (
    <div class="version">
      <WhenLoaded
        loaded={loaded}
        what={`version ${version}`}
        retry={reload}
        ready={(v) => (
          <>
            <h2>
              Version {v.version} <span class="footnote">schema id {v.id} · {v.schemaType}</span>
              {v.deleted ? <span class="badge removed">soft-deleted</span> : null}
            </h2>
            <FieldsTable fields={v.fields} />
            <VersionReferences version={v} />
            <details open>
              <summary>Schema</summary>
              <pre class="schema" data-testid="schema">{v.schema}</pre>
            </details>
            <SchemaTester key={`${subject}/${v.version}`} subject={subject} initial={v.schema} />
          </>
        )}
      />
    </div>
  );
}
