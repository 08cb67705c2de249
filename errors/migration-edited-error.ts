import { ShelfstreamError } from './shelfstream-error.ts';

/**
 * A migration already applied to the database no longer matches what was applied: its file was
 * edited (checksum differs) or removed. Applying anything more could leave the schema in a state
 * no migration describes, so nothing runs; a person must restore the file or write a new migration.
 */
export class MigrationEditedError extends ShelfstreamError {
  readonly code = 'CLICKHOUSE_MIGRATION_EDITED';
  readonly retriable = false;

  constructor(file: string, appliedChecksum: string, currentChecksum: string | undefined) {
    super(
      currentChecksum === undefined
        ? `migration ${file} was applied (sha256 ${appliedChecksum}) but is missing from the migrations folder: restore it`
        : `migration ${file} was edited after it was applied (applied sha256 ${appliedChecksum}, file now ${currentChecksum}): restore it and put the change in a new migration`,
      { location: { file } },
    );
  }
}
