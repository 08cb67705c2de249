import { deleteSubject } from '../delete-subject.ts';
import { lookupSchema } from '../lookup-schema.ts';
import type { RegistryState } from '../registry-state.ts';
import { schemaInput } from '../schema-input.ts';
import { pathParam, queryFlag, queryValue } from './request-params.ts';
import { versionBody } from './response-bodies.ts';
import type { Routes } from './route-spec.ts';

/** Confluent's prefix for "every context"; this registry has only the default context. */
const ALL_CONTEXTS = ':*:';

function listSubjects(state: RegistryState, prefix: string, deleted: boolean, deletedOnly: boolean): string[] {
  return state.subjects().filter((subject) => {
    if (!subject.startsWith(prefix)) return false;
    const versions = state.versions(subject);
    return deletedOnly ? versions.some((v) => v.deleted) : deleted || versions.some((v) => !v.deleted);
  });
}

/** GET /subjects, POST /subjects/{subject} (lookup), DELETE /subjects/{subject}. */
export const subjectRoutes: Routes = (context) => [
  {
    method: 'GET',
    url: '/subjects',
    handler: async (request) => {
      const raw = queryValue(request, 'subjectPrefix') ?? '';
      const prefix = raw === ALL_CONTEXTS ? '' : raw;
      return context.store.read((state) =>
        listSubjects(state, prefix, queryFlag(request, 'deleted'), queryFlag(request, 'deletedOnly')),
      );
    },
  },
  {
    method: 'POST',
    url: '/subjects/:subject',
    handler: async (request) => {
      const subject = pathParam(request, 'subject');
      const input = schemaInput(request.body ?? {});
      const found = await lookupSchema(context, subject, input, queryFlag(request, 'normalize'), queryFlag(request, 'deleted'));
      return versionBody(found.version, found.stored);
    },
  },
  {
    method: 'DELETE',
    url: '/subjects/:subject',
    handler: async (request) => deleteSubject(context, pathParam(request, 'subject'), queryFlag(request, 'permanent')),
  },
];
