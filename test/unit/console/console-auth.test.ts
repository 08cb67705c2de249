import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { Secret } from '../../../config/index.ts';
import { addConsoleAuth, type ConsoleAuth } from '../../../console/server/console-auth.ts';

async function appWith(auth: ConsoleAuth) {
  const app = Fastify();
  await addConsoleAuth(app, auth);
  app.get('/api/info', () => ({ ok: true }));
  await app.ready();
  return app;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('console auth', () => {
  it('lets every request through when neither basic auth nor a token is set', async () => {
    const app = await appWith({ basicAuth: undefined, token: new Secret('') });
    assert.equal((await app.inject({ url: '/api/info' })).statusCode, 200);
  });

  it('asks for basic auth, and takes the right password only', async () => {
    const app = await appWith({ basicAuth: { user: 'ops', password: new Secret('s3cret') }, token: new Secret('') });
    const none = await app.inject({ url: '/api/info' });
    assert.equal(none.statusCode, 401);
    assert.match(String(none.headers['www-authenticate']), /Basic realm="Shelfstream console"/);
    assert.equal((await app.inject({ url: '/api/info', headers: { authorization: basic('ops', 'wrong') } })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/info', headers: { authorization: basic('ops', 's3cret') } })).statusCode, 200);
  });

  it('takes a bearer token, or a ?token= once, which becomes an HttpOnly cookie and leaves the URL', async () => {
    const app = await appWith({ basicAuth: undefined, token: new Secret('tok-123') });
    assert.equal((await app.inject({ url: '/api/info' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/info', headers: { authorization: 'Bearer nope' } })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/info', headers: { authorization: 'Bearer tok-123' } })).statusCode, 200);
    const landing = await app.inject({ url: '/?token=tok-123' });
    assert.equal(landing.statusCode, 302);
    assert.equal(landing.headers.location, '/');
    const cookie = String(landing.headers['set-cookie']);
    assert.match(cookie, /HttpOnly; SameSite=Strict/);
    const withCookie = await app.inject({ url: '/api/info', headers: { cookie: cookie.split(';')[0] ?? '' } });
    assert.equal(withCookie.statusCode, 200);
  });
});
