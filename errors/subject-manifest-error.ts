import { ShelfstreamError } from './shelfstream-error.ts';

/**
 * The subject manifest (which schema file goes under which topic's key or value subject) cannot
 * be used: malformed, naming a missing or invalid schema, or leaving a schema file out.
 * A mistake in the repository, so nothing is registered or checked and nothing is retried.
 */
export class SubjectManifestError extends ShelfstreamError {
  readonly code = 'SUBJECT_MANIFEST_INVALID';
  readonly retriable = false;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[], cause?: unknown) {
    super(`${file} cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`, { location: { file }, cause });
    this.problems = problems;
  }
}
