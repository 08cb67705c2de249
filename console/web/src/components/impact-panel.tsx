import type { ComponentChildren } from 'preact';
import type { SubjectImpact } from '../api-types.ts';
import { href } from '../route.ts';
import { useApi } from '../use-api.ts';
import { WhenLoaded } from './state-panels.tsx';
import './impact.css';

function Block({ title, testId, empty, children }: { title: string; testId: string; empty: string | undefined; children: ComponentChildren }) {
  return (
    <div class="impact-block" data-testid={testId}>
      <h3>{title}</h3>
      {empty === undefined ? <ul>{children}</ul> : <p class="footnote">{empty}</p>}
    </div>
  );
}

const none = (list: readonly unknown[], text: string): string | undefined => (list.length === 0 ? text : undefined);

/** What a change to the subject's schema touches: topics, topology steps, tables and dashboard panels. */
export function ImpactPanel({ subject }: { subject: string }) {
  const [loaded, reload] = useApi<SubjectImpact>(`subjects/${encodeURIComponent(subject)}/impact`);
  return (
    <div class="panel impact" data-testid="impact">
      <h2>Impact</h2>
      <WhenLoaded
        loaded={loaded}
        what="what depends on this subject"
        retry={reload}
        ready={(impact) => {
          const { members } = impact;
          const stepsNote =
            members.configured === 0
              ? `No running topology to ask: set ${members.setting} to the members' metrics addresses.`
              : 'No step of the running topologies reads these topics.';
          return (
            <>
              <div class="impact-grid">
                <Block title="Topics" testId="impact-topics" empty={none(impact.topics, 'The subject is not named after a topic (<topic>-value or <topic>-key) and no other subject has its schema.')}>
                  {impact.topics.map((t) => (
                    <li key={t.topic}>
                      {t.exists ? <a class="mono" href={href('topics', t.topic)}>{t.topic}</a> : <span class="mono">{t.topic}</span>}
                      {t.exists ? null : <span class="badge">no such topic</span>}
                      {t.via === undefined ? <span class="footnote"> · {t.subject}</span> : <span class="footnote"> · written from {t.via}</span>}
                    </li>
                  ))}
                </Block>
                <Block title="Topology steps" testId="impact-steps" empty={none(impact.steps, stepsNote)}>
                  {impact.steps.map((s) => (
                    <li key={`${s.applicationId}/${s.subTopology}/${s.step}`}>
                      <span class="mono">{s.applicationId} · {s.subTopology}/{s.step}</span>
                      {s.decodes ? <span class="badge changed">decodes</span> : null}
                      <span class="footnote"> · reads {s.topic}</span>
                    </li>
                  ))}
                </Block>
                <Block title="Tables" testId="impact-tables" empty={none(impact.tables, 'No sink of the running topologies loads a table from these topics.')}>
                  {impact.tables.map((t) => (
                    <li key={`${t.system}/${t.table}/${t.applicationId}`}>
                      {t.system} <span class="mono">{t.table}</span>
                      <span class="footnote"> · {t.applicationId} sink {t.sink}, from {t.topic}</span>
                    </li>
                  ))}
                </Block>
                <Block title="Dashboard panels" testId="impact-panels" empty={none(impact.panels, 'No dashboard panel reads those tables.')}>
                  {impact.panels.map((p) => (
                    <li key={`${p.page}/${p.panel}`}>
                      {p.route === null ? p.page : <a href={href(p.route)}>{p.page}</a>} · {p.panel}
                      <span class="footnote"> · from {p.tables.join(', ')}</span>
                    </li>
                  ))}
                </Block>
              </div>
              {members.unreachable.length === 0 ? null : (
                <p class="footnote">Topology members not answering, so not counted: {members.unreachable.join(', ')}</p>
              )}
            </>
          );
        }}
      />
    </div>
  );
}
