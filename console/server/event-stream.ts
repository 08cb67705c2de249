import type { FastifyInstance, FastifyReply } from 'fastify';

/** One server-sent-events response: named events with JSON data, until the page goes or the server closes. */
export class EventStream {
  readonly #reply: FastifyReply;
  #open = true;

  constructor(reply: FastifyReply) {
    this.#reply = reply;
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    reply.raw.on('close', () => {
      this.#open = false;
    });
  }

  get open(): boolean {
    return this.#open;
  }

  send(event: string, data: unknown): void {
    if (this.#open) this.#reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    this.#open = false;
    this.#reply.raw.end();
  }
}

/** The streams a route has open, ended when the server closes: open streams would keep it from closing. */
export function openStreams(app: FastifyInstance): Set<EventStream> {
  const streams = new Set<EventStream>();
  app.addHook('preClose', (done) => {
    for (const stream of streams) stream.end();
    done();
  });
  return streams;
}
