import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TopicMessages } from '../web/src/api-types.ts';
import type { KafkaBrowser, SeekPosition } from './kafka-browser.ts';
import type { MessageDecoder } from './message-decoder.ts';

const topicParams = z.object({ topic: z.string().min(1) });

/** A time as ISO 8601 (`2024-01-15T10:00:00Z`) or epoch milliseconds, to epoch milliseconds. */
const time = z.string().transform((text, ctx) => {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(ms) || !Number.isSafeInteger(ms)) {
    ctx.addIssue({ code: 'custom', message: `'${text}' is not a time: give ISO 8601 (2024-01-15T10:00:00Z) or epoch milliseconds` });
    return z.NEVER;
  }
  return ms;
});

const messagesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(20),
    partition: z.coerce.number().int().min(0).optional(),
    offset: z.string().regex(/^\d+$/, 'an offset is a whole number, 0 or more').transform(BigInt).optional(),
    timestamp: time.optional(),
  })
  .refine((q) => !(q.offset !== undefined && q.timestamp !== undefined), { message: 'seek by offset or by timestamp, not both' })
  .refine((q) => q.offset === undefined || q.partition !== undefined, { message: 'an offset needs its partition', path: ['partition'] });

function positionOf(query: z.infer<typeof messagesQuery>): SeekPosition | undefined {
  if (query.offset !== undefined && query.partition !== undefined) return { partition: query.partition, offset: query.offset };
  if (query.timestamp !== undefined) return { timestampMs: query.timestamp };
  return undefined;
}

/** The Topics pages' API: topics, offsets and group lag; a topic's latest records, or those from a position, decoded. */
export function topicRoutes(app: FastifyInstance, kafka: KafkaBrowser, decoder: MessageDecoder): void {
  app.get('/api/topics', () => kafka.overview());

  app.get('/api/topics/:topic/messages', async (request): Promise<TopicMessages> => {
    const { topic } = topicParams.parse(request.params);
    const query = messagesQuery.parse(request.query);
    const position = positionOf(query);
    if (position === undefined) {
      const [partitions, raw] = await Promise.all([kafka.partitions(topic), kafka.latest(topic, query.limit)]);
      return { topic, partitions, messages: await Promise.all(raw.map((m) => decoder.decode(topic, m))) };
    }
    const read = await kafka.seek(topic, position, query.limit);
    const messages = await Promise.all(read.messages.map((m) => decoder.decode(topic, m)));
    return { topic, partitions: read.partitions, messages, starts: read.starts };
  });
}
