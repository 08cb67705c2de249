import type { TopicSummary } from '../api-types.ts';

/** The three lists of topics the console has a tab for, each its route's first segment. */
export type TopicKind = 'topics' | 'dead-letters' | 'late-records';

export const TOPIC_KINDS: Readonly<Record<TopicKind, { readonly title: string; readonly empty: string }>> = {
  topics: { title: 'Topics', empty: 'The cluster has no topics yet.' },
  'dead-letters': { title: 'Dead letters', empty: 'No dead-letter topic yet: nothing has been refused.' },
  'late-records': { title: 'Late records', empty: 'No late-records topic yet: no topology with windows has run.' },
};

/** The tab a topic's page belongs to. */
export function kindOf(topic: TopicSummary): TopicKind {
  if (topic.deadLetter) return 'dead-letters';
  return topic.late ? 'late-records' : 'topics';
}

export function isTopicKind(section: string): section is TopicKind {
  return Object.hasOwn(TOPIC_KINDS, section);
}
