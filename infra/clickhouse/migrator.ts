import { MigrationEditedError, MigrationFailedError } from '../../errors/index.ts';
import { describeCause } from '../describe-cause.ts';
import { clickHouseErrorCode } from './clickhouse-error-code.ts';
import type { Migration } from './migration-files.ts';
import { sql } from './sql-literal.ts';
import type { SqlEngine } from './sql-engine.ts';

/*
 * Why our own runner: the maintained ClickHouse migration tools for Node (clickhouse-migrations on
 * npm, for one) end the process on any failure instead of throwing, keep md5 checksums, list no
 * status, and talk only to a server over HTTP, while these migrations must also run in-process on
 * chDB. What is needed fits in this file: a table of applied migrations, sha256 checksums, pending
 * ones applied in order, an edited applied one refused.
 *
 * Two runners racing may both apply a migration: every statement is idempotent (IF NOT EXISTS) and
 * a version recorded twice reads as once, so the race is harmless.
 */

/** Where one migration stands: applied as it is now, pending, or applied and since edited or removed. */
export interface MigrationState {
  readonly version: number;
  readonly file: string;
  readonly state: 'applied' | 'pending' | 'edited' | 'missing';
  /** The file's sha256 now (absent when the file is missing). */
  readonly checksum?: string;
  /** The sha256 recorded when it was applied. */
  readonly appliedChecksum?: string;
  /** When it was applied, `YYYY-MM-DD hh:mm:ss` UTC. */
  readonly appliedAt?: string;
}

interface AppliedRow {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly applied_at: string;
}

const LEDGER = 'schema_migrations';

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS ${LEDGER} (
  version UInt32, name String, checksum String, applied_at DateTime('UTC')
) ENGINE = MergeTree() ORDER BY version`;

/** A migration not applied yet. */
export const pendingState = (m: Migration): MigrationState => ({ version: m.version, file: m.file, state: 'pending', checksum: m.checksum });

/** Every migration, from the folder and from the ledger, in version order (all pending when there is no ledger yet). */
export async function migrationStatus(engine: SqlEngine, migrations: readonly Migration[]): Promise<MigrationState[]> {
  const applied = new Map<number, AppliedRow>();
  const ledger = await engine.rows<{ n: number }>(
    `SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = '${LEDGER}'`,
  );
  const rows =
    ledger[0]?.n === 0
      ? []
      : await engine.rows<AppliedRow>(`SELECT version, name, checksum, toString(applied_at) AS applied_at FROM ${LEDGER} ORDER BY version, applied_at`);
  for (const row of rows) if (!applied.has(row.version)) applied.set(row.version, row);
  const states: MigrationState[] = migrations.map((m) => {
    const row = applied.get(m.version);
    if (row === undefined) return pendingState(m);
    const state = row.checksum === m.checksum && row.name === m.file ? 'applied' : 'edited';
    return { version: m.version, file: m.file, state, checksum: m.checksum, appliedChecksum: row.checksum, appliedAt: row.applied_at };
  });
  const known = new Set(migrations.map((m) => m.version));
  for (const row of applied.values()) {
    if (!known.has(row.version)) states.push({ version: row.version, file: row.name, state: 'missing', appliedChecksum: row.checksum, appliedAt: row.applied_at });
  }
  return states.sort((a, b) => a.version - b.version);
}

/**
 * Applies the pending migrations in version order, each statement in turn, recording each
 * migration once all its statements ran. Refuses to run anything while an applied migration was
 * edited or removed. Returns the migrations it applied.
 */
export async function migrate(engine: SqlEngine, migrations: readonly Migration[]): Promise<Migration[]> {
  await engine.execute(CREATE_LEDGER);
  const states = await migrationStatus(engine, migrations);
  const changed = states.find((s) => s.state === 'edited' || s.state === 'missing');
  if (changed !== undefined) throw new MigrationEditedError(changed.file, changed.appliedChecksum ?? '', changed.checksum);
  const pending = new Set(states.filter((s) => s.state === 'pending').map((s) => s.version));
  const applied: Migration[] = [];
  for (const migration of migrations.filter((m) => pending.has(m.version))) {
    for (const [i, statement] of migration.statements.entries()) {
      try {
        await engine.execute(statement);
      } catch (error) {
        // An answer with an error code is the SQL's fault; no answer is the connection's, worth retrying.
        const retriable = clickHouseErrorCode(error) === '';
        throw new MigrationFailedError(migration.file, `statement ${i + 1} failed: ${describeCause(error)}`, retriable, { cause: error });
      }
    }
    await engine.execute(sql`INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (${migration.version}, ${migration.file}, ${migration.checksum}, now())`);
    applied.push(migration);
  }
  return applied;
}
