import type { AddressInfo } from 'node:net';
import fastifyAccepts from '@fastify/accepts';
import fastifyBasicAuth from '@fastify/basic-auth';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { ConfluentError } from '../../errors/index.ts';
import { basicAuthValidator } from './basic-auth.ts';
import type { RegistryContext } from './registry-context.ts';
import { registryErrors } from './registry-errors.ts';
import type { BasicAuthCredentials } from '../../config/index.ts';
import { RegistryStore } from './registry-store.ts';
import { compatibilityRoutes } from './routes/compatibility-routes.ts';
import { configRoutes } from './routes/config-routes.ts';
import { modeRoutes } from './routes/mode-routes.ts';
import type { HttpMethod, RouteSpec } from './routes/route-spec.ts';
import { schemaRoutes } from './routes/schema-routes.ts';
import { subjectRoutes } from './routes/subject-routes.ts';
import { versionRoutes } from './routes/version-routes.ts';
import type { SchemaLogOptions } from './schema-log.ts';
import { SchemaTypeCache } from './schema-type-cache.ts';

export interface RegistryServerOptions {
  readonly host: string;
  /** 0 picks a free port; `url` tells which. */
  readonly port: number;
  readonly log: SchemaLogOptions;
  readonly basicAuth: BasicAuthCredentials | undefined;
  readonly readOnly: boolean;
  readonly bodyLimitBytes?: number;
  readonly logger?: FastifyServerOptions['logger'];
}

/** The media types Confluent produces, in its order of preference. */
const RESPONSE_TYPES = [
  'application/vnd.schemaregistry.v1+json',
  'application/vnd.schemaregistry+json',
  'application/json',
] as const;
/** ...and the ones it consumes. */
const REQUEST_TYPES = [...RESPONSE_TYPES, 'application/octet-stream'];
const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Methods that get 405 (not 404) on a path that exists for other methods. */
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/**
 * A Confluent-compatible Schema Registry: the REST API over a RegistryStore, with Confluent's
 * media types, status codes and error bodies for everything, including what the framework
 * rejects before a route runs (unknown path or method, media type, body size, credentials).
 */
export class RegistryServer {
  readonly #app: FastifyInstance;
  readonly #store: RegistryStore;

  private constructor(app: FastifyInstance, store: RegistryStore) {
    this.#app = app;
    this.#store = store;
  }

  /** Replays the topic, then listens: nothing is served from a partial state. */
  static async start(options: RegistryServerOptions): Promise<RegistryServer> {
    const store = await RegistryStore.open(options.log);
    try {
      const app = await buildApp({ store, types: new SchemaTypeCache(), readOnly: options.readOnly }, options);
      await app.listen({ host: options.host, port: options.port });
      return new RegistryServer(app, store);
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  get url(): string {
    const address = this.#app.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  get store(): RegistryStore {
    return this.#store;
  }

  async close(): Promise<void> {
    await this.#app.close();
    await this.#store.close();
  }
}

async function buildApp(context: RegistryContext, options: RegistryServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    // Subjects are topic names plus a suffix: up to 255 characters, more once URL-encoded.
    routerOptions: { maxParamLength: 2048, ignoreTrailingSlash: true },
  });
  await app.register(fastifyAccepts);
  app.addHook('onRequest', (request) =>
    responseType(request) === undefined ? Promise.reject(registryErrors.http(406, 'Not Acceptable')) : Promise.resolve(),
  );
  // Last word on the media type, errors included (the framework resets it for them), without the
  // charset parameter the framework adds: Confluent sends the bare type.
  app.addHook('onSend', (request, reply, payload) => {
    reply.header('content-type', responseType(request) ?? RESPONSE_TYPES[0]);
    return Promise.resolve(payload);
  });
  if (options.basicAuth !== undefined) {
    await app.register(fastifyBasicAuth, { validate: basicAuthValidator(options.basicAuth), authenticate: { realm: 'SchemaRegistry' } });
    app.addHook('onRequest', app.basicAuth);
  }

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(REQUEST_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    parseJsonBody(body as string, done);
  });
  // Jersey reads a body without Content-Type as octet-stream, which the API accepts.
  app.addContentTypeParser('*', { parseAs: 'string' }, (request: FastifyRequest, body, done) => {
    if (request.headers['content-type'] === undefined) parseJsonBody(body as string, done);
    else done(registryErrors.http(415, 'Unsupported Media Type'), undefined);
  });

  app.setErrorHandler((error, request, reply) => {
    const confluent = asConfluentError(error);
    if (confluent.status >= 500) request.log.error({ err: error }, 'schema registry request failed');
    return reply.code(confluent.status).send(confluent.body());
  });
  app.setNotFoundHandler(() => {
    throw registryErrors.http(404, 'Not Found');
  });

  const routes: RouteSpec[] = [
    { method: 'GET', url: '/', handler: () => Promise.resolve({}) },
    ...subjectRoutes(context),
    ...versionRoutes(context),
    ...schemaRoutes(context),
    ...configRoutes(context),
    ...modeRoutes(context),
    ...compatibilityRoutes(context),
  ];
  for (const route of routes) app.route({ method: route.method, url: route.url, handler: route.handler });
  for (const url of new Set(routes.map((r) => r.url))) {
    const allowed = new Set(routes.filter((r) => r.url === url).map((r) => r.method));
    const others = METHODS.filter((m) => !allowed.has(m));
    if (others.length === 0) continue;
    app.route({
      method: others,
      url,
      handler: () => {
        throw registryErrors.http(405, 'Method Not Allowed');
      },
    });
  }
  return app;
}

/** The negotiated response media type; undefined when the client accepts none of them (406). */
function responseType(request: FastifyRequest): string | undefined {
  const type = request.accepts().type([...RESPONSE_TYPES]);
  return typeof type === 'string' ? type : undefined;
}

function parseJsonBody(body: string, done: (error: Error | null, value?: unknown) => void): void {
  if (body.trim() === '') {
    done(null, {});
    return;
  }
  try {
    done(null, JSON.parse(body));
  } catch (error) {
    // Jackson's parse errors come back as 400 with the parser's message.
    done(new ConfluentError(400, 400, error instanceof Error ? error.message : 'Unparseable JSON'), undefined);
  }
}

/** Errors raised before or around a route, in Confluent's shape. */
function asConfluentError(error: unknown): ConfluentError {
  if (error instanceof ConfluentError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 401) return new ConfluentError(401, 401, 'Unauthorized');
  if (status === 413) return registryErrors.http(413, 'Request Entity Too Large');
  if (status === 415) return registryErrors.http(415, 'Unsupported Media Type');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ConfluentError(status, status, error instanceof Error ? error.message : `HTTP ${status}`);
  }
  return new ConfluentError(500, 500, 'Internal Server Error', { cause: error });
}
