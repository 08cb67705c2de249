import { createHash, timingSafeEqual } from 'node:crypto';
import fastifyBasicAuth from '@fastify/basic-auth';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BasicAuthCredentials, Secret } from '../../config/index.ts';
import { basicAuthValidator } from '../../schemas/registry/basic-auth.ts';

export interface ConsoleAuth {
  readonly basicAuth: BasicAuthCredentials | undefined;
  readonly token: Secret;
}

const COOKIE = 'shelfstream_console_token';
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Optional auth in front of every page and API call: basic auth, or a bearer token given as
 * `Authorization: Bearer`, or once as `?token=` on a page, which turns into an HttpOnly cookie
 * so the token leaves the address bar and never reaches the page's script.
 */
export async function addConsoleAuth(app: FastifyInstance, auth: ConsoleAuth): Promise<void> {
  const token = auth.token.isEmpty ? undefined : digest(auth.token.reveal());
  if (auth.basicAuth === undefined && token === undefined) return;
  if (auth.basicAuth !== undefined) {
    await app.register(fastifyBasicAuth, { validate: basicAuthValidator(auth.basicAuth), authenticate: { realm: 'Shelfstream console' } });
  }
  const tokenMatches = (given: string | undefined): boolean => token !== undefined && given !== undefined && timingSafeEqual(digest(given), token);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const query = (request.query as Record<string, string | undefined>).token;
    if (query !== undefined && tokenMatches(query)) {
      const secure = request.protocol === 'https' ? '; Secure' : '';
      return reply
        .header('set-cookie', `${COOKIE}=${encodeURIComponent(query)}; HttpOnly; SameSite=Strict; Path=/${secure}`)
        .redirect(request.url.split('?')[0] ?? '/');
    }
    if (tokenMatches(bearer(request)) || tokenMatches(cookie(request))) return;
    if (auth.basicAuth !== undefined) {
      await new Promise<void>((resolve, reject) => {
        app.basicAuth(request, reply, (error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      });
      return;
    }
    return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'a console token is required (Authorization: Bearer, or ?token= once)' } });
  });
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') === true ? header.slice('Bearer '.length) : undefined;
}

function cookie(request: FastifyRequest): string | undefined {
  const found = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]*)`).exec(request.headers.cookie ?? '');
  return found?.[1] === undefined ? undefined : decodeURIComponent(found[1]);
}
