/** The console's JSON API: what console/server answers and console/web reads. Types only. */

export interface ConsoleInfo {
  readonly readOnly: boolean;
  /** Where the registry is, credentials removed. */
  readonly registryUrl: string;
  readonly brokers: readonly string[];
}

/** Every failed call answers this, with the HTTP status saying who failed (502/504: a service). */
export interface ApiError {
  readonly error: { readonly code: string; readonly message: string; readonly service?: string };
}

export interface SubjectSummary {
  readonly subject: string;
  /** Full name of the latest version's record (or its type for a primitive). */
  readonly recordName: string;
  readonly latestVersion: number | null;
  readonly versions: number;
  readonly compatibility: string;
  /** Every version is soft-deleted: the subject is listed only with `?deleted=true`. */
  readonly deleted: boolean;
}

export interface SubjectList {
  readonly globalCompatibility: string;
  readonly subjects: readonly SubjectSummary[];
}

export interface VersionSummary {
  readonly version: number;
  readonly id: number;
  readonly deleted: boolean;
}

export interface SchemaField {
  /** Path of the field: `price`, `ranks[].category` for fields of nested records. */
  readonly path: string;
  readonly type: string;
  /** JSON of the default; absent when the field has none. */
  readonly default?: string;
  readonly doc?: string;
}

export interface SubjectDetail {
  readonly subject: string;
  readonly compatibility: string;
  /** Set on the subject itself, rather than inherited from the global level. */
  readonly compatibilityOwn: boolean;
  readonly versions: readonly VersionSummary[];
}

export interface VersionDetail {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schemaType: string;
  readonly deleted: boolean;
  /** The schema, pretty-printed. */
  readonly schema: string;
  readonly fields: readonly SchemaField[];
  /** The schemas this one references, by name. */
  readonly references: readonly SchemaReference[];
  /** The subject versions whose schemas reference this one. */
  readonly referencedBy: readonly SubjectVersion[];
}

export interface SubjectVersion {
  readonly subject: string;
  readonly version: number;
}

export interface SchemaReference extends SubjectVersion {
  /** The name the referencing schema uses for it (an Avro full name). */
  readonly name: string;
}

/** One difference between two versions, as `schemas diff` reports it. */
export type { SchemaChange } from '../../../schemas/cli/avro-schema-diff.ts';

import type { SchemaChange } from '../../../schemas/cli/avro-schema-diff.ts';

export interface VersionDiff {
  readonly from: VersionDetail;
  readonly to: VersionDetail;
  readonly changes: readonly SchemaChange[];
}

export interface CompatibilityTest {
  readonly compatible: boolean;
  readonly newSubject: boolean;
  /** Why the registry refused the schema, as it says it. */
  readonly reasons: readonly string[];
}

export interface PartitionOffsets {
  readonly partition: number;
  readonly start: string;
  readonly end: string;
  readonly leader: number;
}

export interface TopicSummary {
  readonly topic: string;
  readonly partitions: readonly PartitionOffsets[];
  readonly messages: string;
  readonly deadLetter: boolean;
  /** A topology's late records (`<application id>.late`). */
  readonly late: boolean;
}

export interface GroupLag {
  readonly group: string;
  readonly state: string;
  readonly members: number;
  readonly topics: readonly { readonly topic: string; readonly partition: number; readonly committed: string; readonly end: string; readonly lag: string }[];
  readonly totalLag: string;
}

export interface TopicOverview {
  readonly topics: readonly TopicSummary[];
  readonly groups: readonly GroupLag[];
}

/** One side of a record (key or value) as read: decoded JSON, text, or bytes shown as hex. */
export interface DecodedPart {
  readonly kind: 'avro' | 'json' | 'text' | 'bytes' | 'null';
  /** Readable JSON for avro and json, the text or hex otherwise. */
  readonly shown: string;
  readonly schemaId?: number;
  /** The subject and version that hold the writer's schema, to link to. */
  readonly subject?: { readonly subject: string; readonly version: number };
  /** Why a framed value did not decode (unknown schema id, corrupt body). */
  readonly problem?: string;
}

export interface DeadLetterInfo {
  readonly code: string;
  readonly message: string;
  readonly step: string;
  readonly field?: string;
  /** Where the input came from: `orders/2@41`, `file.csv:17` or a URL. */
  readonly origin: string;
  /** On a late record: the closed window it missed, the watermark that closed it, and how far behind that watermark its event time was. */
  readonly window?: LateWindow;
}

export interface LateWindow {
  /** Epoch milliseconds: window start (inclusive) and end (exclusive), the watermark, the record's event time. */
  readonly start: number;
  readonly end: number;
  readonly watermark: number;
  readonly eventTime: number;
  /** The watermark minus the event time. */
  readonly latenessMs: number;
}

export interface TopicMessage {
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: DecodedPart;
  readonly value: DecodedPart;
  readonly headers: Readonly<Record<string, string>>;
  readonly deadLetter?: DeadLetterInfo;
}

export interface TopicMessages {
  readonly topic: string;
  readonly partitions: readonly PartitionOffsets[];
  readonly messages: readonly TopicMessage[];
  /** Where a seek began reading each partition; absent for the latest records. */
  readonly starts?: readonly SeekStart[];
}

/** A partition's first offset read by a seek (its end offset when the time is after every record). */
export interface SeekStart {
  readonly partition: number;
  readonly offset: string;
}

/** What depends on a subject's schema, to judge a change by. */
export interface SubjectImpact {
  readonly subject: string;
  /** Topics whose records carry it: by the subject's name (TopicNameStrategy) or another subject with the same schema. */
  readonly topics: readonly ImpactTopic[];
  /** Steps of the running topologies reading those topics, the first of each sub-topology decoding them. */
  readonly steps: readonly ImpactStep[];
  readonly tables: readonly ImpactTable[];
  readonly panels: readonly ImpactPanel[];
  /** The topology members asked (from SHELFSTREAM_CONSOLE_TOPOLOGY_URLS) and those that did not answer. */
  readonly members: { readonly setting: string; readonly configured: number; readonly unreachable: readonly string[] };
}

export interface ImpactTopic {
  readonly topic: string;
  readonly subject: string;
  readonly exists: boolean;
  /** The topic upstream whose records a topology wrote here; absent for a topic of the subject itself. */
  readonly via?: string;
}

export interface ImpactStep {
  readonly applicationId: string;
  readonly subTopology: string;
  readonly step: string;
  readonly topic: string;
  readonly decodes: boolean;
}

export interface ImpactTable {
  readonly system: 'ClickHouse' | 'Iceberg';
  readonly table: string;
  readonly applicationId: string;
  readonly sink: string;
  readonly topic: string;
}

export interface ImpactPanel {
  readonly page: string;
  readonly panel: string;
  /** The console page showing it (`sales`); null for a page that needs a parameter (an ASIN's). */
  readonly route: string | null;
  /** The affected tables its figures come from. */
  readonly tables: readonly string[];
}
