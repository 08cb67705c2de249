/** Which half of a Kafka record a schema describes. */
export type RecordPart = 'key' | 'value';

/**
 * Confluent's TopicNameStrategy, the default of every Confluent client: the schemas of a topic's
 * keys live under `<topic>-key`, those of its values under `<topic>-value`.
 */
export function subjectName(topic: string, part: RecordPart): string {
  return `${topic}-${part}`;
}
