import type { CompatibilityLevel } from './compatibility-level.ts';
import { decodeRecord, type RegistryRecord, type SchemaClaim, type SchemaReference } from './registry-records.ts';
import type { RegistryMode } from './registry-mode.ts';
import { schemaFingerprint } from './schema-fingerprint.ts';

/** One record of the `_schemas` topic as read: its offset, key and value (null for a tombstone). */
export interface LogEntry {
  readonly offset: number;
  readonly key: string;
  readonly value: string | null;
}

export interface SchemaVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly deleted: boolean;
  /** The claim that created the version, which its soft-delete marker names. */
  readonly claim: string;
  /** The records a permanent delete tombstones: the claim and its soft-delete marker. */
  readonly claimKey: string;
  readonly markerKey: string | undefined;
}

export interface StoredSchema {
  readonly id: number;
  readonly schemaType: string;
  readonly schema: string;
  readonly references: readonly SchemaReference[];
  readonly fingerprint: string;
}

interface VersionEntry {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  deleted: boolean;
  readonly claim: string;
  readonly claimKey: string;
  markerKey: string | undefined;
}

/** What the live records add up to; rebuilt from them after a tombstone. */
class View {
  readonly subjects = new Map<string, Map<number, VersionEntry>>();
  readonly byClaim = new Map<string, VersionEntry>();
  readonly schemas = new Map<number, StoredSchema>();
  readonly idByFingerprint = new Map<string, number>();
  readonly versionsById = new Map<number, VersionEntry[]>();
  /** `null` is the registry-wide setting. */
  readonly config = new Map<string | null, CompatibilityLevel>();
  readonly mode = new Map<string | null, RegistryMode>();
  conflictingClaims = 0;
}

function isTombstone(record: RegistryRecord): boolean {
  switch (record.kind) {
    case 'schema': return record.value === null;
    case 'softDelete': return !record.deleted;
    case 'config': return record.level === null;
    case 'mode': return record.mode === null;
  }
}

/**
 * The registry's state as a deterministic function of the `_schemas` log, with no I/O.
 *
 * The state is the fold, in offset order, of the *live* records: the valid ones not yet replaced
 * or tombstoned. That is exactly what compaction keeps (offsets and order are preserved, claims
 * are never rewritten), so a registry that reads a compacted topic computes the same state as
 * one that read every record. A claim that lost its compare-and-set (see registry-records.ts) is
 * ignored by everyone; a valid claim that still conflicts with the state (its version is taken,
 * its schema has another id or its id another schema) is ignored as well.
 */
export class RegistryState {
  readonly #live = new Map<string, RegistryRecord>();
  #view = new View();
  #stale = false;
  #position = 0;
  #idWatermark = 0;
  #lostClaims = 0;
  #foreignRecords = 0;

  apply(entry: LogEntry): void {
    if (entry.offset < this.#position) return;
    this.#position = entry.offset + 1;
    const record = decodeRecord(entry.key, entry.value);
    if (record === undefined) {
      this.#foreignRecords += 1;
      return;
    }
    if (isTombstone(record)) {
      // Rebuilt lazily: a permanent delete tombstones many records in a row.
      if (this.#live.delete(entry.key)) this.#stale = true;
      return;
    }
    if (record.kind === 'schema' && record.value?.expectedOffset !== entry.offset) {
      // Compaction would keep this void copy of the key and drop an earlier valid one (a
      // duplicated append): drop it here too, so both readings of the log agree.
      if (this.#live.delete(entry.key)) this.#stale = true;
      this.#lostClaims += 1;
      return;
    }
    // Re-inserting moves a rewritten key to the end, where compaction would leave it.
    this.#live.delete(entry.key);
    this.#live.set(entry.key, record);
    if (!this.#stale) this.#fold(this.#view, entry.key, record);
  }

  /** The next offset to read: every record before it is applied. */
  get position(): number {
    return this.#position;
  }

  /** Claims ignored so far (lost compare-and-set or conflicting), for diagnostics and tests. */
  get ignoredClaims(): number {
    return this.#lostClaims + this.#current().conflictingClaims;
  }

  get foreignRecords(): number {
    return this.#foreignRecords;
  }

  /** Every subject with at least one version, soft-deleted or not, sorted. */
  subjects(): string[] {
    return [...this.#current().subjects.keys()].sort();
  }

  /** The versions of a subject in ascending order, soft-deleted ones included. */
  versions(subject: string): readonly SchemaVersion[] {
    const versions = this.#current().subjects.get(subject);
    return versions === undefined ? [] : [...versions.values()].sort((a, b) => a.version - b.version);
  }

  schemaById(id: number): StoredSchema | undefined {
    return this.#current().schemas.get(id);
  }

  /** The schema of a version; every version has one, so a miss is a bug, not a 404. */
  schemaOf(version: SchemaVersion): StoredSchema {
    const stored = this.#current().schemas.get(version.id);
    if (stored === undefined) throw new Error(`no schema ${version.id} for ${version.subject} version ${version.version}`);
    return stored;
  }

  idOf(fingerprint: string): number | undefined {
    return this.#current().idByFingerprint.get(fingerprint);
  }

  /** Every subject version that uses an id, in log order. */
  versionsOfId(id: number): readonly SchemaVersion[] {
    return this.#current().versionsById.get(id) ?? [];
  }

  /** Ids are never handed out twice by one process, even after the schema was deleted for good. */
  nextId(): number {
    this.#current();
    return this.#idWatermark + 1;
  }

  /** The level set for a subject, or for the registry (`null`); undefined when none is set. */
  compatibility(subject: string | null): CompatibilityLevel | undefined {
    return this.#current().config.get(subject);
  }

  mode(subject: string | null): RegistryMode | undefined {
    return this.#current().mode.get(subject);
  }

  /** Whether the claim with this key id took effect. */
  accepted(claim: string): boolean {
    return this.#current().byClaim.has(claim);
  }

  /** Versions whose schema references `subject` version `version`. */
  referrers(subject: string, version: number): SchemaVersion[] {
    const view = this.#current();
    return [...view.byClaim.values()].filter((v) =>
      view.schemas.get(v.id)?.references.some((r) => r.subject === subject && r.version === version),
    );
  }

  /** A plain picture of the state, for comparisons and diagnostics. */
  toJSON(): Record<string, unknown> {
    const view = this.#current();
    return {
      subjects: Object.fromEntries(
        this.subjects().map((s) => [s, this.versions(s).map((v) => ({ version: v.version, id: v.id, deleted: v.deleted }))]),
      ),
      schemas: [...view.schemas.values()].sort((a, b) => a.id - b.id).map((s) => ({ id: s.id, schemaType: s.schemaType, schema: s.schema, references: s.references })),
      config: [...view.config.entries()].sort(),
      mode: [...view.mode.entries()].sort(),
    };
  }

  #current(): View {
    if (this.#stale) {
      this.#view = new View();
      for (const [key, record] of this.#live) this.#fold(this.#view, key, record);
      this.#stale = false;
    }
    return this.#view;
  }

  #fold(view: View, key: string, record: RegistryRecord): void {
    switch (record.kind) {
      case 'schema':
        if (record.value !== null) this.#foldClaim(view, key, record.claim, record.value);
        return;
      case 'softDelete': {
        const entry = view.byClaim.get(record.claim);
        if (entry !== undefined) {
          entry.deleted = true;
          entry.markerKey = key;
        }
        return;
      }
      case 'config':
        if (record.level !== null) view.config.set(record.subject, record.level);
        return;
      case 'mode':
        if (record.mode !== null) view.mode.set(record.subject, record.mode);
        return;
    }
  }

  #foldClaim(view: View, key: string, claim: string, value: SchemaClaim): void {
    const fingerprint = schemaFingerprint(value.schemaType, value.schema, value.references);
    const versions = view.subjects.get(value.subject) ?? new Map<number, VersionEntry>();
    const idOfSchema = view.idByFingerprint.get(fingerprint);
    const schemaOfId = view.schemas.get(value.id);
    const conflicts =
      versions.has(value.version) ||
      (idOfSchema !== undefined && idOfSchema !== value.id) ||
      (schemaOfId !== undefined && schemaOfId.fingerprint !== fingerprint);
    if (conflicts) {
      view.conflictingClaims += 1;
      return;
    }
    const entry: VersionEntry = {
      subject: value.subject,
      version: value.version,
      id: value.id,
      deleted: false,
      claim,
      claimKey: key,
      markerKey: undefined,
    };
    versions.set(value.version, entry);
    view.subjects.set(value.subject, versions);
    view.byClaim.set(claim, entry);
    view.idByFingerprint.set(fingerprint, value.id);
    view.schemas.set(value.id, {
      id: value.id,
      schemaType: value.schemaType,
      schema: value.schema,
      references: value.references,
      fingerprint,
    });
    view.versionsById.set(value.id, [...(view.versionsById.get(value.id) ?? []), entry]);
    this.#idWatermark = Math.max(this.#idWatermark, value.id);
  }
}
