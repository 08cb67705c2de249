import { z } from 'zod';
import { SchemaRegistryError } from '../../errors/index.ts';
import { diffAvroSchemas } from '../../schemas/cli/avro-schema-diff.ts';
import type { AvroJson } from '../../schemas/cli/avro-type-text.ts';
import { readableMessages } from '../../schemas/cli/compatibility-messages.ts';
import { RegistryAdmin } from '../../schemas/cli/registry-admin.ts';
import type { HttpSchemaRegistryClient } from '../../schemas/serde/http-schema-registry.ts';
import type {
  CompatibilityTest,
  SubjectDetail,
  SubjectList,
  SubjectSummary,
  SubjectVersion,
  VersionDetail,
  VersionDiff,
} from '../web/src/api-types.ts';
import { schemaFields } from './schema-fields.ts';

const names = z.array(z.string());
const numbers = z.array(z.number().int());
const level = z.object({ compatibilityLevel: z.string() });
const levelSet = z.object({ compatibility: z.string() });
const reference = z.object({ name: z.string(), subject: z.string(), version: z.number().int() });
const version = z.object({
  subject: z.string(),
  version: z.number().int(),
  id: z.number().int(),
  schema: z.string(),
  schemaType: z.string().optional(),
  references: z.array(reference).optional(),
});
const usages = z.array(z.object({ subject: z.string(), version: z.number().int() }));

const at = (subject: string): string => `/subjects/${encodeURIComponent(subject)}`;
/** 40408: the subject has no level of its own and follows the global one. */
const NO_SUBJECT_LEVEL = 40408;

/**
 * What the console reads and changes in a Confluent-compatible registry: subjects with their
 * record names and levels, versions (soft-deleted ones marked), diffs and compatibility tests.
 */
export class RegistryBrowser {
  readonly #client: HttpSchemaRegistryClient;
  readonly #admin: RegistryAdmin;

  constructor(client: HttpSchemaRegistryClient) {
    this.#client = client;
    this.#admin = new RegistryAdmin(client);
  }

  async subjects(): Promise<SubjectList> {
    const [live, all, global] = await Promise.all([
      this.#client.request(names, 'GET', '/subjects'),
      this.#client.request(names, 'GET', '/subjects?deleted=true'),
      this.globalCompatibility(),
    ]);
    const alive = new Set(live);
    const subjects = await Promise.all([...new Set([...all, ...live])].sort().map((s) => this.#summary(s, !alive.has(s), global)));
    return { globalCompatibility: global, subjects };
  }

  async globalCompatibility(): Promise<string> {
    return (await this.#client.request(level, 'GET', '/config')).compatibilityLevel;
  }

  async setGlobalCompatibility(compatibility: string): Promise<void> {
    await this.#client.request(levelSet, 'PUT', '/config', { compatibility });
  }

  async setSubjectCompatibility(subject: string, compatibility: string): Promise<void> {
    await this.#client.request(levelSet, 'PUT', `/config/${encodeURIComponent(subject)}`, { compatibility });
  }

  async subject(subject: string): Promise<SubjectDetail> {
    const [live, all, own] = await Promise.all([
      this.#client.request(numbers, 'GET', `${at(subject)}/versions`).catch(notFoundAs<number[]>([])),
      this.#client.request(numbers, 'GET', `${at(subject)}/versions?deleted=true`),
      this.#ownLevel(subject),
    ]);
    const alive = new Set(live);
    const versions = await Promise.all(
      all.map(async (v) => ({ version: v, id: (await this.#version(subject, v)).id, deleted: !alive.has(v) })),
    );
    const compatibility = own ?? (await this.globalCompatibility());
    return { subject, compatibility, compatibilityOwn: own !== undefined, versions };
  }

  async version(subject: string, number: number): Promise<VersionDetail> {
    const [answer, live, referencedBy] = await Promise.all([
      this.#version(subject, number),
      this.#client.request(numbers, 'GET', `${at(subject)}/versions`).catch(notFoundAs<number[]>([])),
      this.referencedBy(subject, number),
    ]);
    const json = JSON.parse(answer.schema) as AvroJson;
    const schemaType = answer.schemaType ?? 'AVRO';
    return {
      subject,
      version: answer.version,
      id: answer.id,
      schemaType,
      deleted: !live.includes(answer.version),
      schema: JSON.stringify(json, null, 2),
      fields: schemaType === 'AVRO' ? schemaFields(json) : [],
      references: answer.references ?? [],
      referencedBy,
    };
  }

  /** The subject versions whose schemas reference this version: the registry gives their schema ids. */
  async referencedBy(subject: string, number: number): Promise<SubjectVersion[]> {
    const ids = await this.#client.request(numbers, 'GET', `${at(subject)}/versions/${number}/referencedby`).catch(notFoundAs<number[]>([]));
    const found = await Promise.all(ids.map(async (id) => this.usages(id)));
    return found.flat().sort((a, b) => a.subject.localeCompare(b.subject) || a.version - b.version);
  }

  /** The latest version's schema id of a subject, soft-deleted versions included; undefined for an unknown subject. */
  async latestId(subject: string): Promise<number | undefined> {
    const versions = await this.#client.request(numbers, 'GET', `${at(subject)}/versions?deleted=true`).catch(notFoundAs<number[]>([]));
    const latest = versions.at(-1);
    return latest === undefined ? undefined : (await this.#version(subject, latest)).id;
  }

  async diff(subject: string, from: number, to: number): Promise<VersionDiff> {
    const [a, b] = await Promise.all([this.version(subject, from), this.version(subject, to)]);
    return { from: a, to: b, changes: diffAvroSchemas(JSON.parse(a.schema) as AvroJson, JSON.parse(b.schema) as AvroJson) };
  }

  async test(subject: string, schema: string): Promise<CompatibilityTest> {
    const verdict = await this.#admin.testCompatibility(subject, schema);
    return { compatible: verdict.compatible, newSubject: verdict.newSubject, reasons: readableMessages(verdict.messages) };
  }

  /** The subject and version a schema id was first registered under, for links from messages. */
  async usage(id: number): Promise<SubjectVersion | undefined> {
    return (await this.usages(id))[0];
  }

  /** Every subject version registered with a schema id. */
  usages(id: number): Promise<SubjectVersion[]> {
    return this.#client.request(usages, 'GET', `/schemas/ids/${id}/versions`).catch(notFoundAs<SubjectVersion[]>([]));
  }

  async #summary(subject: string, deleted: boolean, global: string): Promise<SubjectSummary> {
    const [versions, own] = await Promise.all([
      this.#client.request(numbers, 'GET', `${at(subject)}/versions?deleted=true`),
      this.#ownLevel(subject),
    ]);
    const latest = versions.at(-1);
    const recordName = latest === undefined ? '' : recordNameOf((await this.#version(subject, latest)).schema);
    return { subject, recordName, latestVersion: latest ?? null, versions: versions.length, compatibility: own ?? global, deleted };
  }

  #version(subject: string, number: number) {
    return this.#client.request(version, 'GET', `${at(subject)}/versions/${number}?deleted=true`);
  }

  async #ownLevel(subject: string): Promise<string | undefined> {
    try {
      return (await this.#client.request(level, 'GET', `/config/${encodeURIComponent(subject)}`)).compatibilityLevel;
    } catch (error) {
      if (error instanceof SchemaRegistryError && (error.registryCode === NO_SUBJECT_LEVEL || error.isNotFound)) return undefined;
      throw error;
    }
  }
}

function notFoundAs<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof SchemaRegistryError && error.isNotFound) return fallback;
    throw error;
  };
}

/** The full name of a schema's top type: `com.shelfstream.raw.SalesOrder`, or `string` for a key. */
function recordNameOf(text: string): string {
  const json = JSON.parse(text) as unknown;
  if (typeof json === 'string') return json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return Array.isArray(json) ? 'union' : '';
  const { name, namespace, type } = json as { name?: unknown; namespace?: unknown; type?: unknown };
  if (typeof name !== 'string') return typeof type === 'string' ? type : '';
  return name.includes('.') || typeof namespace !== 'string' ? name : `${namespace}.${name}`;
}
