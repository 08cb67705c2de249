import { ShelfstreamError } from './shelfstream-error.ts';

/** One local schema file the registry refuses under one subject, with the registry's reasons. */
export interface SchemaIncompatibility {
  readonly subject: string;
  readonly file: string;
  /** The registry's own words: the verbose compatibility messages or the 409 message. */
  readonly messages: readonly string[];
}

/**
 * Local schema files are incompatible with what the registry holds under their subjects, at the
 * subject's compatibility level. Retrying changes nothing: the schema, the level or the subject
 * must change.
 */
export class IncompatibleSchemasError extends ShelfstreamError {
  readonly code = 'SCHEMAS_INCOMPATIBLE';
  readonly retriable = false;
  readonly incompatibilities: readonly SchemaIncompatibility[];

  constructor(action: string, incompatibilities: readonly SchemaIncompatibility[]) {
    const lines = incompatibilities.flatMap((i) => [
      `  ${i.file} is incompatible with subject ${i.subject}:`,
      ...i.messages.map((m) => `    - ${m}`),
    ]);
    const count = incompatibilities.length;
    super(`${action}: ${count} schema${count === 1 ? ' is' : 's are'} incompatible with the registry\n${lines.join('\n')}`, {
      location: { file: incompatibilities.map((i) => i.file).join(',') },
    });
    this.incompatibilities = incompatibilities;
  }
}
