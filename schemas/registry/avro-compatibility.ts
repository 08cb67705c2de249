import type avro from 'avsc';
import type { CompatibilityLevel } from './compatibility-level.ts';
import { readerIncompatibilities, type Incompatibility } from './avro-resolution.ts';

export interface PreviousVersion {
  readonly version: number;
  readonly schema: string;
  readonly type: avro.Type;
}

/**
 * Confluent's compatibility rule for Avro. BACKWARD: the new schema reads data of the old one;
 * FORWARD: the old schema reads data of the new one; FULL: both. Plain levels check against the
 * latest version only, *_TRANSITIVE against every version, newest first; NONE checks nothing.
 *
 * Returns [] when compatible, otherwise Confluent's messages for the first incompatible version:
 * one per incompatibility, then `{oldSchemaVersion: n}`, `{oldSchema: '...'}` and the level.
 * `previous` holds the subject's live versions, oldest first.
 */
export function compatibilityMessages(
  level: CompatibilityLevel,
  candidate: avro.Type,
  previous: readonly PreviousVersion[],
): string[] {
  if (level === 'NONE') return [];
  const checked = level.endsWith('_TRANSITIVE') ? [...previous].reverse() : previous.slice(-1);
  const backward = !level.startsWith('FORWARD');
  const forward = !level.startsWith('BACKWARD');
  for (const old of checked) {
    const messages = [
      ...(backward ? readerIncompatibilities(candidate, old.type).map((i) => describe(i, 'new', 'old')) : []),
      ...(forward ? readerIncompatibilities(old.type, candidate).map((i) => describe(i, 'old', 'new')) : []),
    ];
    if (messages.length > 0) {
      return [
        ...messages,
        `{oldSchemaVersion: ${old.version}}`,
        `{oldSchema: '${old.schema}'}`,
        `{validateFields: 'false', compatibility: '${level}'}`,
      ];
    }
  }
  return [];
}

/** The wording of Confluent's Avro differences; `reader` and `writer` say which schema is which. */
function describe(incompatibility: Incompatibility, reader: string, writer: string): string {
  const { type, location, message } = incompatibility;
  const description = {
    NAME_MISMATCH: `The name of the schema has changed (path '${location}')`,
    FIXED_SIZE_MISMATCH: `The size of FIXED type field at path '${location}' in the ${reader} schema does not match with the ${writer} schema`,
    MISSING_ENUM_SYMBOLS: `The ${reader} schema is missing enum symbols '${message}' at path '${location}' in the ${writer} schema`,
    READER_FIELD_MISSING_DEFAULT_VALUE: `The field '${message}' at path '${location}' in the ${reader} schema has no default value and is missing in the ${writer} schema`,
    TYPE_MISMATCH: `The type (path '${location}') of a field in the ${reader} schema does not match with the ${writer} schema`,
    MISSING_UNION_BRANCH: `The ${reader} schema is missing a type inside a union field at path '${location}' in the ${writer} schema`,
  }[type];
  return `{errorType:'${type}', description:'${description}', additionalInfo:'${message}'}`;
}
