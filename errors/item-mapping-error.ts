import { FieldError } from './field-error.ts';

/** Why an item from a source cannot become an event: a field is absent, unreadable, or an amount is not exact in minor units. */
export type MappingProblem = 'MAPPING_MISSING_FIELD' | 'MAPPING_INVALID_FIELD' | 'MAPPING_INEXACT_AMOUNT';

/**
 * One item of a source (an API page, a feed) cannot be mapped to its event schema. Fetching it
 * again gives the same item, so it is dead-lettered with the field that failed.
 */
export class ItemMappingError extends FieldError<MappingProblem> {}
