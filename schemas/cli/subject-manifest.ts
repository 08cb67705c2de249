import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FileAccessError, SubjectManifestError } from '../../errors/index.ts';
import { parseAvroSchema, type AvroSchema } from '../avro-schema.ts';
import { subjectName, type RecordPart } from '../serde/subject-name.ts';

/** The manifest of this repository: every schema of schemas/avro/ under its default topic. */
export const DEFAULT_MANIFEST = fileURLToPath(new URL('../subjects.json', import.meta.url));

/** One subject the manifest asks for: where its schema comes from and the parsed schema. */
export interface LocalSubject {
  readonly subject: string;
  readonly topic: string;
  readonly part: RecordPart;
  /** Path of the schema file as a person reads it (relative to the working directory), or the primitive's name. */
  readonly source: string;
  readonly schema: AvroSchema<unknown>;
}

const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];
const schemaRef = z.string().refine((s) => s.endsWith('.avsc') || PRIMITIVES.includes(s), {
  message: `expected a path ending in .avsc or one of ${PRIMITIVES.join(', ')}`,
});
const manifestShape = z.strictObject({
  $comment: z.string().optional(),
  topics: z.record(z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'expected a Kafka topic name'), z.strictObject({ key: schemaRef.optional(), value: schemaRef.optional() })),
});

/**
 * Reads a subject manifest: `{"topics": {"<topic>": {"key": "string", "value": "avro/x.avsc"}}}`,
 * files relative to the manifest. Every problem is reported at once, and a `.avsc` file that sits
 * beside a listed one without being listed is a problem too: a new schema must not be forgotten.
 */
export function loadSubjectManifest(file: string): LocalSubject[] {
  const shown = shownPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw FileAccessError.of(shown, 'read', cause);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new SubjectManifestError(shown, [cause instanceof Error ? cause.message : String(cause)], cause);
  }
  const parsed = manifestShape.safeParse(json);
  if (!parsed.success) {
    throw new SubjectManifestError(shown, parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`));
  }
  const problems: string[] = [];
  const subjects: LocalSubject[] = [];
  const listed = new Set<string>();
  const base = path.dirname(file);
  for (const [topic, parts] of Object.entries(parsed.data.topics)) {
    if (parts.key === undefined && parts.value === undefined) problems.push(`topics.${topic}: names neither a key nor a value schema`);
    for (const part of ['key', 'value'] as const) {
      const ref = parts[part];
      if (ref === undefined) continue;
      const schemaFile = ref.endsWith('.avsc') ? path.resolve(base, ref) : undefined;
      const source = schemaFile === undefined ? ref : shownPath(schemaFile);
      try {
        const text = schemaFile === undefined ? JSON.stringify(ref) : readFileSync(schemaFile, 'utf8');
        subjects.push({ subject: subjectName(topic, part), topic, part, source, schema: parseAvroSchema(text) });
        if (schemaFile !== undefined) listed.add(schemaFile);
      } catch (cause) {
        problems.push(`topics.${topic}.${part}: ${source}: ${cause instanceof Error ? cause.message : String(cause)}`);
      }
    }
  }
  for (const dir of new Set([...listed].map((f) => path.dirname(f)))) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.avsc')).sort()) {
      const schemaFile = path.join(dir, name);
      if (!listed.has(schemaFile)) problems.push(`${shownPath(schemaFile)} is under no topic: add it to the manifest`);
    }
  }
  if (problems.length > 0) throw new SubjectManifestError(shown, problems);
  return subjects;
}

/** Relative to the working directory when inside it, as people type paths; absolute otherwise. */
function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
}
