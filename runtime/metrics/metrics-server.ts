import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves Prometheus text at `/metrics` and, when given, a JSON document at `/topology` (the graph
 * the console draws). node:http is enough for two read-only routes; no framework needed.
 */
export async function startMetricsServer(registry: Registry, port: number, host = '127.0.0.1', topology?: () => unknown): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      if (request.url === '/metrics') {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(await registry.metrics());
      } else if (request.url === '/topology' && topology) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(topology()));
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found: try /metrics');
      }
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => { resolve(); })),
  };
}
