import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileAccessError, MigrationFailedError } from '../../errors/index.ts';
import { splitSqlStatements } from './split-sql-statements.ts';

/** One migration file: its number, name, the sha256 of its bytes and its statements in order. */
export interface Migration {
  readonly version: number;
  readonly file: string;
  readonly checksum: string;
  readonly statements: readonly string[];
}

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** The `NNNN_name.sql` files of `folder` in version order; other files (a README) are not migrations. */
export function readMigrations(folder: string): Migration[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.sql')).sort();
  } catch (error) {
    throw FileAccessError.of(folder, 'read', error);
  }
  const migrations = names.map((file) => {
    const version = MIGRATION_FILE.exec(file)?.[1];
    if (version === undefined) throw new MigrationFailedError(file, 'a migration file is named NNNN_lower_snake_case.sql', false);
    const bytes = readFileSync(join(folder, file));
    return { version: Number(version), file, checksum: createHash('sha256').update(bytes).digest('hex'), statements: splitSqlStatements(bytes.toString('utf8')) };
  });
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]?.version === m.version) throw new MigrationFailedError(m.file, `version ${m.version} is used twice`, false);
  });
  return migrations;
}
