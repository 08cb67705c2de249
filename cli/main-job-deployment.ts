import { setTimeout as sleep } from 'node:timers/promises';
import type { ShelfstreamConfig } from '../config/index.ts';
import { startMetricsServer, type MetricsServer } from '../runtime/metrics/metrics-server.ts';
import type { MainJobNames } from '../topology/main-job-names.ts';
import { startConsoleProcess } from './console-process.ts';
import type { MainJobInputs } from './main-job-inputs.ts';
import { MAIN_JOB, startMainJob } from './main-job.ts';
import { startPipelineProgress, type ProgressOutput } from './pipeline-progress.ts';

export interface MainJobDeploymentOptions {
  readonly config: ShelfstreamConfig;
  /** The console's environment (the settings as variables); the topology members' URLs are added to it. */
  readonly consoleEnv: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  readonly output: ProgressOutput;
  /** Resolves when the deployment should stop (Ctrl-C). */
  readonly stopSignal: Promise<string>;
  readonly names?: MainJobNames;
  /** The user's files, or the bundled sample and the fixtures when absent. */
  readonly inputs?: MainJobInputs;
  readonly progressIntervalMs?: number;
}

/**
 * The main job as a streaming deployment (`shelfstream run` without `--once`): the sample replayed
 * and the topologies started as in the bounded run, each serving its /metrics and /topology on a
 * free local port, the console started with those members, and a progress display, until the stop
 * signal; then everything stops in order (display, console, topologies with a last checkpoint).
 * New input (another `shelfstream replay`, `generate`, `crawl` or `poll`) flows through meanwhile.
 */
/** The first error a runner reports, checked every second; the runners report into a list the bounded run also reads. */
async function firstFatal(fatal: readonly unknown[]): Promise<unknown> {
  // Unref'd: this watch never keeps the process alive after the deployment stopped.
  while (fatal.length === 0) await sleep(1_000, undefined, { ref: false });
  return fatal[0];
}

export async function runMainJobDeployment(options: MainJobDeploymentOptions): Promise<void> {
  const { config, log } = options;
  const job = await startMainJob(config, config.stackDir, log, options.names ?? MAIN_JOB, 'streaming', options.inputs);
  const members: MetricsServer[] = [];
  let consoleExit: Promise<number> | undefined;
  let progress: { stop(): Promise<void> } | undefined;
  try {
    for (const { runner, topology } of [job.revenue, job.sales, job.market, job.bronze]) {
      members.push(await startMetricsServer(runner.metrics.registry, 0, '127.0.0.1', () => topology.describe()));
    }
    const consoleProcess = startConsoleProcess({ ...options.consoleEnv, SHELFSTREAM_CONSOLE_TOPOLOGY_URLS: members.map((m) => m.url).join(',') });
    consoleExit = consoleProcess.exited;
    log(`console at ${await consoleProcess.url} (Ctrl-C stops the pipeline and the console)`);
    progress = startPipelineProgress(options.output, [job.revenue, job.sales, job.market, job.bronze], options.progressIntervalMs);
    const why = await Promise.race([
      options.stopSignal,
      consoleProcess.exited.then((code) => `the console exited with code ${code}`),
      firstFatal(job.fatal).then((error) => `a topology stopped on an error: ${error instanceof Error ? error.message : String(error)}`),
    ]);
    log(`stopping: ${why}`);
    consoleProcess.child.kill('SIGTERM');
  } finally {
    await progress?.stop();
    await consoleExit;
    await job.stop();
    await Promise.all(members.map((m) => m.close()));
  }
}
