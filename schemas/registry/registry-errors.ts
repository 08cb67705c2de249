import { ConfluentError } from '../../errors/index.ts';

/**
 * Confluent Schema Registry's errors (io.confluent.kafka.schemaregistry.rest.exceptions.Errors):
 * the HTTP status, the `error_code` and the message text clients and people see.
 */
export const registryErrors = {
  subjectNotFound: (subject: string) => new ConfluentError(404, 40401, `Subject '${subject}' not found.`),
  versionNotFound: (version: number) => new ConfluentError(404, 40402, `Version ${version} not found.`),
  schemaNotFound: (id?: number) =>
    new ConfluentError(404, 40403, id === undefined ? 'Schema not found' : `Schema ${id} not found.`),
  subjectSoftDeleted: (subject: string) =>
    new ConfluentError(404, 40404, `Subject '${subject}' was soft deleted.Set permanent=true to delete permanently`),
  subjectNotSoftDeleted: (subject: string) =>
    new ConfluentError(404, 40405, `Subject '${subject}' was not deleted first before being permanently deleted`),
  versionSoftDeleted: (subject: string, version: number) =>
    new ConfluentError(
      404,
      40406,
      `Subject '${subject}' Version ${version} was soft deleted.Set permanent=true to delete permanently`,
    ),
  versionNotSoftDeleted: (subject: string, version: number) =>
    new ConfluentError(
      404,
      40407,
      `Subject '${subject}' Version ${version} was not deleted first before being permanently deleted`,
    ),
  subjectCompatibilityNotConfigured: (subject: string) =>
    new ConfluentError(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`),
  subjectModeNotConfigured: (subject: string) =>
    new ConfluentError(404, 40409, `Subject '${subject}' does not have subject-level mode configured`),
  incompatibleSchema: (subject: string, messages: readonly string[]) =>
    new ConfluentError(
      409,
      409,
      `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${messages.join(', ')}]`,
    ),
  invalidSchema: (detail: string) => new ConfluentError(422, 42201, detail),
  invalidVersion: (version: string) =>
    new ConfluentError(
      422,
      42202,
      `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
    ),
  invalidCompatibilityLevel: () =>
    new ConfluentError(
      422,
      42203,
      'Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive',
    ),
  invalidMode: (mode: string) =>
    new ConfluentError(
      422,
      42204,
      `Invalid mode ${mode}. Valid values are READWRITE, READONLY, READONLY_OVERRIDE and IMPORT`,
    ),
  operationNotPermitted: (detail: string) => new ConfluentError(422, 42205, detail),
  referenceExists: (subject: string, version: number) =>
    new ConfluentError(
      422,
      42206,
      `One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=${subject},version=${version}}.`,
    ),
  idDoesNotMatch: (existingId: number, requestedId: number) =>
    new ConfluentError(422, 42207, `Schema already registered with id ${existingId} instead of input id ${requestedId}`),
  storeError: (detail: string, cause?: unknown) => new ConfluentError(500, 50001, detail, { cause }),
  operationTimeout: (detail: string) => new ConfluentError(500, 50002, detail),
  /** Errors Jersey raises before a resource runs: the code is the status, the message its reason phrase. */
  http: (status: number, reason: string) => new ConfluentError(status, status, `HTTP ${status} ${reason}`),
};
