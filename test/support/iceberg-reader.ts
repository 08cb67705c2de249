import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { repoPath } from './repo-path.ts';

/** What test/interop/read-iceberg.py prints of a table, read by pyiceberg. */
export interface PyicebergView {
  readonly rows: Record<string, unknown>[];
  readonly files: number;
  readonly snapshots: { snapshot_id: number; parent_id: number | null; summary: Record<string, string> }[];
  readonly filtered: { filter: string; files: number; rows: Record<string, unknown>[] }[];
}

/** Readers nobody here wrote that read a table from its metadata file on MinIO, without the catalog. */
export type IcebergPeer = 'duckdb' | 'chdb';

/** The python of the pinned venv test/interop/<name>.txt, built on first use (a minute on a fresh machine). */
export function interopPython(name: 'pyiceberg' | IcebergPeer): string {
  const setup = spawnSync('bash', [repoPath('test/interop/setup-venv.sh'), name], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(setup.status, 0, `test/interop/setup-venv.sh ${name} failed:\n${setup.stderr}`);
  return setup.stdout.trim();
}

/** The pyiceberg venv's python. */
export const pyicebergPython = (): string => interopPython('pyiceberg');

/** Runs a reader script with the catalog and S3 settings in its environment (no secret in a process listing); its JSON. */
export function runReader<T>(python: string, config: ShelfstreamConfig, script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [repoPath(`test/interop/${script}`), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        SHELFSTREAM_ICEBERG_CATALOG_URL: config.iceberg.catalogUrl,
        SHELFSTREAM_ICEBERG_WAREHOUSE: config.iceberg.warehouse,
        SHELFSTREAM_S3_ENDPOINT: config.s3.endpoint,
        SHELFSTREAM_S3_ACCESS_KEY: config.s3.accessKey,
        SHELFSTREAM_S3_SECRET_KEY: config.s3.secretKey.reveal(),
        SHELFSTREAM_S3_REGION: config.s3.region,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as T);
      else reject(new Error(`${script} exited ${code}:\n${stderr}`));
    });
  });
}

/** Reads `namespace.table` with pyiceberg through the configured REST catalog and MinIO. */
export function readWithPyiceberg(python: string, config: ShelfstreamConfig, table: string, filters: readonly string[] = []): Promise<PyicebergView> {
  return runReader(python, config, 'read-iceberg.py', [table, ...filters.flatMap((filter) => ['--filter', filter])]);
}

/**
 * Reads the table at `metadataLocation` with DuckDB's iceberg extension or chDB's icebergS3; rows as
 * pyiceberg's are given. `select` is chDB's select list (ClickHouse SQL), for columns it reads otherwise.
 */
export async function readWithPeer(
  peer: IcebergPeer,
  python: string,
  config: ShelfstreamConfig,
  metadataLocation: string,
  select?: string,
): Promise<Record<string, unknown>[]> {
  const view = await runReader<{ rows: Record<string, unknown>[] }>(python, config, `read-iceberg-${peer}.py`, [metadataLocation, ...(select === undefined ? [] : [select])]);
  return view.rows;
}
