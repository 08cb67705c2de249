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

/** The pyiceberg venv's python, built from test/interop/pyiceberg.txt on first use (a minute on a fresh machine). */
export function pyicebergPython(): string {
  const setup = spawnSync('bash', [repoPath('test/interop/setup-venv.sh'), 'pyiceberg'], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(setup.status, 0, `test/interop/setup-venv.sh pyiceberg failed:\n${setup.stderr}`);
  return setup.stdout.trim();
}

/** Reads `namespace.table` with pyiceberg through the configured REST catalog and MinIO. */
export function readWithPyiceberg(python: string, config: ShelfstreamConfig, table: string, filters: readonly string[] = []): Promise<PyicebergView> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [repoPath('test/interop/read-iceberg.py'), table, ...filters.flatMap((filter) => ['--filter', filter])], {
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
      if (code === 0) resolve(JSON.parse(stdout) as PyicebergView);
      else reject(new Error(`read-iceberg.py exited ${code}:\n${stderr}`));
    });
  });
}
