import { deleteVersion } from '../delete-version.ts';
import { findVersion } from '../find-version.ts';
import { registerSchema } from '../register-schema.ts';
import { registryErrors } from '../registry-errors.ts';
import { schemaInput } from '../schema-input.ts';
import { parseVersionId } from '../version-id.ts';
import { pathParam, queryFlag } from './request-params.ts';
import { versionBody } from './response-bodies.ts';
import type { Routes } from './route-spec.ts';

/** /subjects/{subject}/versions and everything under it. */
export const versionRoutes: Routes = (context) => [
  {
    method: 'GET',
    url: '/subjects/:subject/versions',
    handler: async (request) => {
      const subject = pathParam(request, 'subject');
      const deleted = queryFlag(request, 'deleted');
      const deletedOnly = queryFlag(request, 'deletedOnly');
      return context.store.read((state) => {
        const versions = state.versions(subject).filter((v) => (deletedOnly ? v.deleted : deleted || !v.deleted));
        if (versions.length === 0) throw registryErrors.subjectNotFound(subject);
        return versions.map((v) => v.version);
      });
    },
  },
  {
    method: 'POST',
    url: '/subjects/:subject/versions',
    handler: async (request) => {
      const input = schemaInput(request.body ?? {});
      return { id: await registerSchema(context, pathParam(request, 'subject'), input, queryFlag(request, 'normalize')) };
    },
  },
  {
    method: 'GET',
    url: '/subjects/:subject/versions/:version',
    handler: async (request) => {
      const subject = pathParam(request, 'subject');
      const id = parseVersionId(pathParam(request, 'version'));
      return context.store.read((state) => {
        const version = findVersion(state, subject, id, queryFlag(request, 'deleted'));
        return versionBody(version, state.schemaOf(version));
      });
    },
  },
  {
    method: 'GET',
    url: '/subjects/:subject/versions/:version/schema',
    handler: async (request) => {
      const subject = pathParam(request, 'subject');
      const id = parseVersionId(pathParam(request, 'version'));
      // The schema itself is the body, raw.
      return context.store.read((state) => state.schemaOf(findVersion(state, subject, id, queryFlag(request, 'deleted'))).schema);
    },
  },
  {
    method: 'GET',
    url: '/subjects/:subject/versions/:version/referencedby',
    handler: async (request) => {
      const subject = pathParam(request, 'subject');
      const id = parseVersionId(pathParam(request, 'version'));
      return context.store.read((state) => {
        const version = findVersion(state, subject, id, true);
        return [...new Set(state.referrers(subject, version.version).map((v) => v.id))].sort((a, b) => a - b);
      });
    },
  },
  {
    method: 'DELETE',
    url: '/subjects/:subject/versions/:version',
    handler: async (request) => {
      const id = parseVersionId(pathParam(request, 'version'));
      return deleteVersion(context, pathParam(request, 'subject'), id, queryFlag(request, 'permanent'));
    },
  },
];
