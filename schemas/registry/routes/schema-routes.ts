import { registryErrors } from '../registry-errors.ts';
import type { RegistryState, StoredSchema } from '../registry-state.ts';
import { SUPPORTED_SCHEMA_TYPES } from '../schema-input.ts';
import { numericParam, queryFlag } from './request-params.ts';
import { schemaBody, versionBody } from './response-bodies.ts';
import type { Routes } from './route-spec.ts';

function schemaWithId(state: RegistryState, id: number): StoredSchema {
  const stored = state.schemaById(id);
  if (stored === undefined) throw registryErrors.schemaNotFound(id);
  return stored;
}

/** /schemas: by id (soft-deleted schemas included, as in Confluent), all of them, and the supported types. */
export const schemaRoutes: Routes = (context) => [
  { method: 'GET', url: '/schemas/types', handler: () => Promise.resolve([...SUPPORTED_SCHEMA_TYPES]) },
  {
    method: 'GET',
    url: '/schemas',
    handler: async (request) => {
      const deleted = queryFlag(request, 'deleted');
      const latestOnly = queryFlag(request, 'latestOnly');
      return context.store.read((state) =>
        state.subjects().flatMap((subject) => {
          const versions = state.versions(subject).filter((v) => deleted || !v.deleted);
          return (latestOnly ? versions.slice(-1) : versions).map((v) => versionBody(v, state.schemaOf(v)));
        }),
      );
    },
  },
  {
    method: 'GET',
    url: '/schemas/ids/:id',
    handler: async (request) => {
      const id = numericParam(request, 'id');
      return context.store.read((state) => {
        const body = schemaBody(schemaWithId(state, id));
        return queryFlag(request, 'fetchMaxId') ? { ...body, maxId: state.nextId() - 1 } : body;
      });
    },
  },
  {
    method: 'GET',
    url: '/schemas/ids/:id/schema',
    handler: async (request) => {
      const id = numericParam(request, 'id');
      return context.store.read((state) => schemaWithId(state, id).schema);
    },
  },
  {
    method: 'GET',
    url: '/schemas/ids/:id/subjects',
    handler: async (request) => {
      const id = numericParam(request, 'id');
      return context.store.read((state) => {
        schemaWithId(state, id);
        const versions = state.versionsOfId(id).filter((v) => queryFlag(request, 'deleted') || !v.deleted);
        return [...new Set(versions.map((v) => v.subject))].sort();
      });
    },
  },
  {
    method: 'GET',
    url: '/schemas/ids/:id/versions',
    handler: async (request) => {
      const id = numericParam(request, 'id');
      return context.store.read((state) => {
        schemaWithId(state, id);
        return state
          .versionsOfId(id)
          .filter((v) => queryFlag(request, 'deleted') || !v.deleted)
          .map((v) => ({ subject: v.subject, version: v.version }));
      });
    },
  },
];
