import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import { repoPath } from './repo-path.ts';

/** A SqlEngine over one chDB session (test/interop/run-chdb.py), plus a way to end it. */
export interface ChdbEngine extends SqlEngine {
  /** Runs statements in order in one round trip; the rows of each. */
  run(statements: readonly string[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

/**
 * Starts chDB (ClickHouse 26.x in-process, from the pinned venv .stack/venv-chdb, built on first
 * use) with `database` created and current, so unqualified names resolve as on the server.
 */
export async function startChdb(database: string): Promise<ChdbEngine> {
  const setup = spawnSync('bash', [repoPath('test/interop/setup-venv.sh'), 'chdb'], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(setup.status, 0, `test/interop/setup-venv.sh chdb failed:\n${setup.stderr}`);
  const child = spawn(setup.stdout.trim(), [repoPath('test/interop/run-chdb.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let queue = Promise.resolve<unknown>(undefined);

  const run = (statements: readonly string[]): Promise<unknown[][]> => {
    const turn = queue.then(async () => {
      child.stdin.write(`${JSON.stringify(statements)}\n`);
      const next = await answers.next();
      if (next.done === true) throw new Error('chDB exited');
      const answer = JSON.parse(next.value) as { results?: unknown[][]; error?: string };
      if (answer.error !== undefined) throw new Error(`chDB: ${answer.error}`);
      return answer.results ?? [];
    });
    queue = turn.catch(() => undefined);
    return turn;
  };

  await run([`CREATE DATABASE IF NOT EXISTS ${database}`, `USE ${database}`]);
  return {
    run,
    execute: async (statement) => {
      await run([statement]);
    },
    rows: async <T>(query: string) => ((await run([query]))[0] ?? []) as T[],
    close: async () => {
      if (child.exitCode !== null) return;
      child.stdin.end();
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
