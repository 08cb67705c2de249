import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { PortUnavailableError } from '../../errors/index.ts';
import type { Logger } from '../../infra/logger.ts';
import { HttpSchemaRegistryClient } from '../../schemas/serde/http-schema-registry.ts';
import type { ConsoleInfo } from '../web/src/api-types.ts';
import { apiError } from './api-error.ts';
import { addConsoleAuth } from './console-auth.ts';
import { KafkaBrowser } from './kafka-browser.ts';
import { MessageDecoder } from './message-decoder.ts';
import { reconcileRoutes } from './reconcile-routes.ts';
import { RegistryBrowser } from './registry-browser.ts';
import { registryRoutes } from './registry-routes.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { DASHBOARDS } from './dashboards.ts';
import { KpiReader } from './kpi-reader.ts';
import { SubjectImpactReader } from './subject-impact.ts';
import { topicRoutes } from './topic-routes.ts';
import { TopologyMembers } from './topology-members.ts';
import { topologyRoutes } from './topology-routes.ts';
import { ensureWebBuild, WEB_DIST } from './web-build.ts';

export interface ConsoleServer {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** The registry's address as a page may show it: any user and password in the URL removed. */
function shownUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href.replace(/\/+$/, '');
}

/**
 * The web console: the built front end and its JSON API on one Fastify server, listening where
 * `config.console` says. Builds the front end first when no build is there.
 */
export async function startConsoleServer(config: ShelfstreamConfig, log?: Logger): Promise<ConsoleServer> {
  await ensureWebBuild();
  const app = Fastify({ logger: false });
  const client = new HttpSchemaRegistryClient({ url: config.schemaRegistry.url, timeoutMs: config.connectTimeoutMs });
  const registry = new RegistryBrowser(client);
  const kafka = new KafkaBrowser(config);
  const info: ConsoleInfo = { readOnly: config.console.readOnly, registryUrl: shownUrl(config.schemaRegistry.url), brokers: config.kafka.brokers };

  await addConsoleAuth(app, config.console);
  app.setErrorHandler((error: Error, _request, reply) => apiError(error, reply, log));
  app.addHook('onSend', async (_request, reply) => {
    // The API's answers change with the cluster; the built assets carry hashes in their names.
    if (reply.getHeader('content-type')?.toString().startsWith('application/json') === true) reply.header('cache-control', 'no-store');
  });
  await app.register(fastifyStatic, { root: WEB_DIST, index: 'index.html' });
  app.get('/api/info', () => info);
  const members = new TopologyMembers(config.console.topologyUrls, config.connectTimeoutMs);
  registryRoutes(app, registry, new SubjectImpactReader(registry, kafka, members, DASHBOARDS), config.console.readOnly);
  topicRoutes(app, kafka, new MessageDecoder(client, registry));
  dashboardRoutes(app, new KpiReader(config), config.console.windowGraceMs, DASHBOARDS);
  topologyRoutes(app, members);
  reconcileRoutes(app, config, kafka);
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } }));

  try {
    await app.listen({ host: config.console.host, port: config.console.port });
  } catch (error) {
    await app.close();
    throw PortUnavailableError.of('--console-port', error);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.console.port;
  return { url: `http://${config.console.host}:${port}`, app, close: () => app.close() };
}
