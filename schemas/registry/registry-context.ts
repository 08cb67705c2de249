import { DEFAULT_COMPATIBILITY, type CompatibilityLevel } from './compatibility-level.ts';
import { registryErrors } from './registry-errors.ts';
import { DEFAULT_MODE, isReadOnlyMode, type RegistryMode } from './registry-mode.ts';
import type { RegistryState } from './registry-state.ts';
import type { RegistryStore } from './registry-store.ts';
import type { SchemaTypeCache } from './schema-type-cache.ts';

/** What the operations of one registry server share. */
export interface RegistryContext {
  readonly store: RegistryStore;
  readonly types: SchemaTypeCache;
  /** Started read-only (SHELFSTREAM_SCHEMA_REGISTRY_READ_ONLY): it serves reads and refuses every change. */
  readonly readOnly: boolean;
}

/** The subject's level, else the registry's, else BACKWARD. */
export function compatibilityLevelOf(state: RegistryState, subject: string): CompatibilityLevel {
  return state.compatibility(subject) ?? state.compatibility(null) ?? DEFAULT_COMPATIBILITY;
}

/** A read-only server is READONLY everywhere; READONLY_OVERRIDE on the registry beats subject modes. */
export function effectiveMode(context: RegistryContext, state: RegistryState, subject: string | null): RegistryMode {
  if (context.readOnly) return 'READONLY';
  const global = state.mode(null) ?? DEFAULT_MODE;
  if (subject === null || global === 'READONLY_OVERRIDE') return global;
  return state.mode(subject) ?? global;
}

/** Registering and deleting schemas: 42205 in a read-only mode. */
export function assertSchemasWritable(context: RegistryContext, state: RegistryState, subject: string): RegistryMode {
  const mode = effectiveMode(context, state, subject);
  if (isReadOnlyMode(mode)) throw registryErrors.operationNotPermitted(`Subject ${subject} is in read-only mode`);
  return mode;
}

/** Changing compatibility or mode settings: refused only by a server started read-only. */
export function assertSettingsWritable(context: RegistryContext): void {
  if (context.readOnly) throw registryErrors.operationNotPermitted('This schema registry is read-only; settings cannot be changed');
}
