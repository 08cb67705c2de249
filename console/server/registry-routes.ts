import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RegistryBrowser } from './registry-browser.ts';
import type { SubjectImpactReader } from './subject-impact.ts';

const subjectParams = z.object({ subject: z.string().min(1) });
const versionParams = subjectParams.extend({ version: z.coerce.number().int().positive() });
const diffQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });
const levels = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;
const levelBody = z.object({ compatibility: z.enum(levels) });
const schemaBody = z.object({ schema: z.string().min(1) });

/** The Schema Registry pages' API; in read-only mode every change is refused (403). */
export function registryRoutes(app: FastifyInstance, registry: RegistryBrowser, impact: SubjectImpactReader, readOnly: boolean): void {
  const refused = (reply: FastifyReply) =>
    reply.code(403).send({ error: { code: 'READ_ONLY', message: 'the console is read-only (SHELFSTREAM_CONSOLE_READ_ONLY)' } });

  app.get('/api/subjects', () => registry.subjects());

  app.put('/api/compatibility', async (request, reply) => {
    if (readOnly) return refused(reply);
    await registry.setGlobalCompatibility(levelBody.parse(request.body).compatibility);
    return { compatibility: await registry.globalCompatibility() };
  });

  app.get('/api/subjects/:subject', (request) => registry.subject(subjectParams.parse(request.params).subject));

  app.put('/api/subjects/:subject/compatibility', async (request, reply) => {
    if (readOnly) return refused(reply);
    const { subject } = subjectParams.parse(request.params);
    await registry.setSubjectCompatibility(subject, levelBody.parse(request.body).compatibility);
    return registry.subject(subject);
  });

  app.get('/api/subjects/:subject/versions/:version', (request) => {
    const { subject, version } = versionParams.parse(request.params);
    return registry.version(subject, version);
  });

  app.get('/api/subjects/:subject/impact', (request) => impact.of(subjectParams.parse(request.params).subject));

  app.get('/api/subjects/:subject/diff', (request) => {
    const { from, to } = diffQuery.parse(request.query);
    return registry.diff(subjectParams.parse(request.params).subject, from, to);
  });

  // A test changes nothing, so read-only mode keeps it.
  app.post('/api/subjects/:subject/compatibility-test', (request) =>
    registry.test(subjectParams.parse(request.params).subject, schemaBody.parse(request.body).schema),
  );
}
