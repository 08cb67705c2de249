import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { TopologySnapshot } from '../web/src/topology/topology-types.ts';
import { EventStream, openStreams } from './event-stream.ts';
import type { TopologyMembers } from './topology-members.ts';

const SCRAPE_MS = 2000;

/**
 * The Topology page's stream: a `snapshot` event at once and after every scrape of the members,
 * each stream keeping its last snapshot so the rates it shows are over its own interval.
 */
export function topologyRoutes(app: FastifyInstance, members: TopologyMembers): void {
  const streams = openStreams(app);

  app.get('/api/topology/stream', (_request, reply) => {
    const stream = new EventStream(reply);
    streams.add(stream);
    void follow(members, stream).finally(() => streams.delete(stream));
  });
}

async function follow(members: TopologyMembers, stream: EventStream): Promise<void> {
  let previous: TopologySnapshot | undefined;
  while (stream.open) {
    previous = await members.snapshot(previous);
    stream.send('snapshot', previous);
    await sleep(SCRAPE_MS);
  }
}
