import { z } from 'zod';
import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from './compatibility-level.ts';
import { REGISTRY_MODES, type RegistryMode } from './registry-mode.ts';

/**
 * The records of the `_schemas` topic. Keys and values are JSON, shaped like Confluent's
 * (`{"keytype":"SCHEMA","subject":..,"version":..,"magic":1}`), with two differences that make
 * the log safe to compact while several registries append to it without a leader:
 *
 * - A schema record (a *claim* of a subject version and an id) has a key of its own (`claim`,
 *   random), so no later record can replace it: compaction removes it only after a tombstone.
 * - A claim carries `expectedOffset`, the log end its writer had read. It is valid only if it
 *   landed exactly there, i.e. nobody appended in between (compare-and-set on the log end).
 *   Offsets survive compaction, so every reader, before or after compaction, agrees.
 *
 * A soft delete is a separate marker record keyed by the claim, not a rewrite of the claim.
 */

export interface SchemaReference {
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

export interface SchemaClaim {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schemaType: string;
  readonly references: readonly SchemaReference[];
  readonly schema: string;
  readonly expectedOffset: number;
}

export type RegistryRecord =
  | { readonly kind: 'schema'; readonly claim: string; readonly value: SchemaClaim | null }
  | { readonly kind: 'softDelete'; readonly claim: string; readonly deleted: boolean }
  | { readonly kind: 'config'; readonly subject: string | null; readonly level: CompatibilityLevel | null }
  | { readonly kind: 'mode'; readonly subject: string | null; readonly mode: RegistryMode | null };

const version = z.number().int().positive();
const reference = z.object({ name: z.string(), subject: z.string(), version });

const keySchema = z.discriminatedUnion('keytype', [
  z.object({ keytype: z.literal('SCHEMA'), subject: z.string(), version, claim: z.string() }),
  z.object({ keytype: z.literal('SOFT_DELETE'), subject: z.string(), version, claim: z.string() }),
  z.object({ keytype: z.literal('CONFIG'), subject: z.string().nullable() }),
  z.object({ keytype: z.literal('MODE'), subject: z.string().nullable() }),
]);

const claimSchema = z.object({
  subject: z.string(),
  version,
  id: z.number().int().positive(),
  schemaType: z.string(),
  references: z.array(reference),
  schema: z.string(),
  expectedOffset: z.number().int().nonnegative(),
});
const softDeleteSchema = z.object({ deleted: z.literal(true) });
const configSchema = z.object({ compatibilityLevel: z.enum(COMPATIBILITY_LEVELS) });
const modeSchema = z.object({ mode: z.enum(REGISTRY_MODES) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The record, or undefined for anything this registry did not write (it is skipped, not fatal). */
export function decodeRecord(key: string, value: string | null): RegistryRecord | undefined {
  const k = keySchema.safeParse(parseJson(key));
  if (!k.success) return undefined;
  const v = value === null ? null : parseJson(value);
  switch (k.data.keytype) {
    case 'SCHEMA': {
      if (v === null) return { kind: 'schema', claim: k.data.claim, value: null };
      const claim = claimSchema.safeParse(v);
      return claim.success ? { kind: 'schema', claim: k.data.claim, value: claim.data } : undefined;
    }
    case 'SOFT_DELETE':
      if (v === null) return { kind: 'softDelete', claim: k.data.claim, deleted: false };
      return softDeleteSchema.safeParse(v).success ? { kind: 'softDelete', claim: k.data.claim, deleted: true } : undefined;
    case 'CONFIG': {
      if (v === null) return { kind: 'config', subject: k.data.subject, level: null };
      const config = configSchema.safeParse(v);
      return config.success ? { kind: 'config', subject: k.data.subject, level: config.data.compatibilityLevel } : undefined;
    }
    case 'MODE': {
      if (v === null) return { kind: 'mode', subject: k.data.subject, mode: null };
      const mode = modeSchema.safeParse(v);
      return mode.success ? { kind: 'mode', subject: k.data.subject, mode: mode.data.mode } : undefined;
    }
  }
}

/** Keys are serialized with a fixed field order, so the same key is always the same bytes. */
export const recordKeys = {
  schema: (subject: string, version: number, claim: string) =>
    JSON.stringify({ keytype: 'SCHEMA', subject, version, magic: 1, claim }),
  softDelete: (subject: string, version: number, claim: string) =>
    JSON.stringify({ keytype: 'SOFT_DELETE', subject, version, magic: 1, claim }),
  config: (subject: string | null) => JSON.stringify({ keytype: 'CONFIG', subject, magic: 0 }),
  mode: (subject: string | null) => JSON.stringify({ keytype: 'MODE', subject, magic: 0 }),
};

export const recordValues = {
  claim: (claim: SchemaClaim) =>
    JSON.stringify({
      subject: claim.subject,
      version: claim.version,
      id: claim.id,
      schemaType: claim.schemaType,
      references: claim.references,
      schema: claim.schema,
      expectedOffset: claim.expectedOffset,
    }),
  softDelete: () => JSON.stringify({ deleted: true }),
  config: (level: CompatibilityLevel) => JSON.stringify({ compatibilityLevel: level }),
  mode: (mode: RegistryMode) => JSON.stringify({ mode }),
};
