import { FieldError } from './field-error.ts';

/** Why a page that looks like data gave none: a required field is absent, or present but unreadable. */
export type ExtractionProblem = 'EXTRACT_MISSING_FIELD' | 'EXTRACT_UNREADABLE_FIELD';

/**
 * A page was recognized (a product or reviews page) but its layout did not yield a field that
 * the record cannot do without. Fetching the same page again gives the same HTML: the crawler
 * dead-letters it with the raw HTML key, so the page can be re-extracted once the extractor is fixed.
 */
export class ExtractionError extends FieldError<ExtractionProblem> {}
