import { z } from 'zod';
import { SchemaRegistryError } from '../../errors/index.ts';
import type { HttpSchemaRegistryClient } from '../serde/http-schema-registry.ts';

/** One version of a subject as the registry serves it; `schemaType` is absent for Avro. */
export interface SubjectVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly schemaType: string;
}

/** What the registry says of a schema against a subject's latest version. */
export interface CompatibilityVerdict {
  readonly compatible: boolean;
  /** The subject has no live version: nothing to be compatible with. */
  readonly newSubject: boolean;
  readonly messages: readonly string[];
}

const subjectList = z.array(z.string());
const versionList = z.array(z.number().int());
const versionAnswer = z.object({
  subject: z.string(),
  version: z.number().int(),
  id: z.number().int(),
  schema: z.string(),
  schemaType: z.string().optional(),
});
// Registries differ in what they put in `messages` (strings, or objects in some versions): keep text.
const compatibilityAnswer = z.object({ is_compatible: z.boolean(), messages: z.array(z.unknown()).nullish() });

const at = (subject: string): string => `/subjects/${encodeURIComponent(subject)}`;

/** The read and compatibility calls the `schemas` commands make, over any Confluent-compatible registry. */
export class RegistryAdmin {
  readonly #client: HttpSchemaRegistryClient;

  constructor(client: HttpSchemaRegistryClient) {
    this.#client = client;
  }

  async subjects(): Promise<string[]> {
    return (await this.#client.request(subjectList, 'GET', '/subjects')).sort();
  }

  versions(subject: string): Promise<number[]> {
    return this.#client.request(versionList, 'GET', `${at(subject)}/versions`);
  }

  async version(subject: string, version: number | 'latest'): Promise<SubjectVersion> {
    const answer = await this.#client.request(versionAnswer, 'GET', `${at(subject)}/versions/${version}`);
    return { ...answer, schemaType: answer.schemaType ?? 'AVRO' };
  }

  /** POST /compatibility/subjects/{subject}/versions/latest?verbose=true, at the subject's own level. */
  async testCompatibility(subject: string, schema: string): Promise<CompatibilityVerdict> {
    try {
      const answer = await this.#client.request(compatibilityAnswer, 'POST', `/compatibility${at(subject)}/versions/latest?verbose=true`, {
        schema,
      });
      const messages = (answer.messages ?? []).map((m) => (typeof m === 'string' ? m : JSON.stringify(m)));
      return { compatible: answer.is_compatible, newSubject: false, messages };
    } catch (error) {
      // 40401: no such subject, 40402: no live version. Registries differ on which they answer.
      if (error instanceof SchemaRegistryError && (error.registryCode === 40401 || error.registryCode === 40402)) {
        return { compatible: true, newSubject: true, messages: [] };
      }
      throw error;
    }
  }
}
