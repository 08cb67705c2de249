import { registryErrors } from './registry-errors.ts';

export const REGISTRY_MODES = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'] as const;

export type RegistryMode = (typeof REGISTRY_MODES)[number];

export const DEFAULT_MODE: RegistryMode = 'READWRITE';

export function isRegistryMode(value: unknown): value is RegistryMode {
  return typeof value === 'string' && (REGISTRY_MODES as readonly string[]).includes(value);
}

export function parseRegistryMode(value: unknown): RegistryMode {
  const upper = typeof value === 'string' ? value.toUpperCase() : undefined;
  if (!isRegistryMode(upper)) throw registryErrors.invalidMode(String(value));
  return upper;
}

/** Modes in which schemas may not be registered or deleted. */
export function isReadOnlyMode(mode: RegistryMode): boolean {
  return mode === 'READONLY' || mode === 'READONLY_OVERRIDE';
}
