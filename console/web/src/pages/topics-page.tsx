import type { TopicOverview } from '../api-types.ts';
import { EmptyPanel, WhenLoaded } from '../components/state-panels.tsx';
import { href } from '../route.ts';
import { useApi } from '../use-api.ts';
import { kindOf, TOPIC_KINDS, type TopicKind } from './topic-kind.ts';

/** Topics with partitions and offsets, and consumer groups with their lag; the dead-letter and late-records tabs list only theirs. */
export function TopicsPage({ kind }: { kind: TopicKind }) {
  const [loaded, reload] = useApi<TopicOverview>('topics');
  const all = kind === 'topics';
  return (
    <section>
      <h1>{TOPIC_KINDS[kind].title}</h1>
      <WhenLoaded
        loaded={loaded}
        what="topics"
        retry={reload}
        ready={(overview) => {
          const topics = overview.topics.filter((t) => all || kindOf(t) === kind);
          return (
            <>
              {topics.length === 0 ? (
                <EmptyPanel>{TOPIC_KINDS[kind].empty}</EmptyPanel>
              ) : (
                <table class="grid" data-testid="topics">
                  <thead><tr><th>Topic</th><th>Partitions</th><th>Records</th><th>Offsets (start → end per partition)</th></tr></thead>
                  <tbody>
                    {topics.map((t) => (
                      <tr key={t.topic}>
                        <td>
                          <a href={href(kindOf(t), t.topic)}>{t.topic}</a>
                          {t.deadLetter ? <span class="badge removed">dead letters</span> : null}
                          {t.late ? <span class="badge changed">late records</span> : null}
                        </td>
                        <td>{t.partitions.length}</td>
                        <td>{t.messages}</td>
                        <td class="mono small">{t.partitions.map((p) => `${p.partition}: ${p.start}→${p.end}`).join('  ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {all ? (
                <>
                  <h2>Consumer groups</h2>
                  {overview.groups.length === 0 ? (
                    <EmptyPanel>No consumer group has committed offsets.</EmptyPanel>
                  ) : (
                    <table class="grid" data-testid="groups">
                      <thead><tr><th>Group</th><th>State</th><th>Members</th><th>Lag</th><th>Partitions (committed / end)</th></tr></thead>
                      <tbody>
                        {overview.groups.map((g) => (
                          <tr key={g.group}>
                            <td class="mono">{g.group}</td>
                            <td>{g.state}</td>
                            <td>{g.members}</td>
                            <td class={g.totalLag === '0' ? '' : 'lagging'}>{g.totalLag}</td>
                            <td class="mono small">{g.topics.map((t) => `${t.topic}/${t.partition}: ${t.committed}/${t.end}`).join('  ')}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </>
              ) : null}
            </>
          );
        }}
      />
    </section>
  );
}
