import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TopicMessages } from '../web/src/api-types.ts';
import type { KafkaBrowser } from './kafka-browser.ts';
import type { MessageDecoder } from './message-decoder.ts';

const topicParams = z.object({ topic: z.string().min(1) });
const messagesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(20) });

/** The Topics pages' API: topics, offsets and group lag; a topic's latest records, decoded. */
export function topicRoutes(app: FastifyInstance, kafka: KafkaBrowser, decoder: MessageDecoder): void {
  app.get('/api/topics', () => kafka.overview());

  app.get('/api/topics/:topic/messages', async (request): Promise<TopicMessages> => {
    const { topic } = topicParams.parse(request.params);
    const { limit } = messagesQuery.parse(request.query);
    const [partitions, raw] = await Promise.all([kafka.partitions(topic), kafka.latest(topic, limit)]);
    const messages = await Promise.all(raw.map((m) => decoder.decode(topic, m)));
    return { topic, partitions, messages };
  });
}
