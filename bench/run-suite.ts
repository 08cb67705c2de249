/**
 * The benchmark suite, on the running stack (never part of the tests):
 *
 *   npm run bench -- [--quick] [--stages a,b] [--skip a,b] [--drivers kafkajs,rdkafka] [--note "..."]
 *   npm run bench -- --from bench/results/latest.json
 *
 * Runs each stage's script (bench/<stage>.ts, see bench/suite/stages.ts) in a process of its own,
 * so one stage's heap, threads and leftovers do not weigh on the next, and reads its JSON line.
 * The peers run only when their toolchains are on PATH. Writes bench/results/<time>-<host>.json
 * and latest.json (machine, versions, every stage's output, every figure with its ratio to the
 * broker tool's and each peer's rate, issue 14's targets), the chart latest.svg, and regenerates
 * the block of BENCHMARKS.md between the results markers. `--quick` runs every stage short;
 * `--from` renders the chart and the block again from a result file without running anything.
 * Exits 1 when a stage failed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resultsChartSvg } from './suite/chart.ts';
import { describeMachine, describeVersions, hasCommand, loadAverage } from './suite/machine.ts';
import { replaceBetweenMarkers, resultsMarkdown } from './suite/markdown.ts';
import { benchResultSchema, withRatios, type BenchResult, type FigureDraft, type StageRun } from './suite/result-file.ts';
import { STAGES, type Driver, type SuiteOptions } from './suite/stages.ts';
import { evaluateTargets } from './suite/targets.ts';
import { runJsonProcess } from './run-json-process.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = 'bench/results';
const LATEST = { json: `${RESULTS}/latest.json`, svg: `${RESULTS}/latest.svg` };
const BENCHMARKS_MD = 'BENCHMARKS.md';
// A stage stuck past this is killed and reported failed, so the rest of the suite still runs.
const STAGE_TIMEOUT_MS = { quick: 10 * 60_000, full: 45 * 60_000 };

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    stages: { type: 'string' },
    skip: { type: 'string', default: '' },
    drivers: { type: 'string', default: 'kafkajs,rdkafka' },
    note: { type: 'string', multiple: true, default: [] },
    from: { type: 'string' },
  },
});

const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter((s) => s !== '');
const known = STAGES.map((s) => s.name);
const only = values.stages === undefined ? known : list(values.stages);
const skip = list(values.skip);
const unknown = [...only, ...skip].filter((name) => !known.includes(name));
if (unknown.length > 0) throw new Error(`unknown stages ${unknown.join(', ')}; the stages are ${known.join(', ')}`);
const drivers = list(values.drivers);
if (!drivers.every((d): d is Driver => d === 'kafkajs' || d === 'rdkafka')) throw new Error('--drivers takes kafkajs, rdkafka or both');

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const inRepo = (path: string): string => `${REPO}${path}`;

/** The chart and BENCHMARKS.md's block from a result. */
async function render(result: BenchResult): Promise<void> {
  await writeFile(inRepo(LATEST.svg), await resultsChartSvg(result));
  const doc = await readFile(inRepo(BENCHMARKS_MD), 'utf8');
  await writeFile(inRepo(BENCHMARKS_MD), replaceBetweenMarkers(doc, resultsMarkdown(result, LATEST)));
  log(`wrote ${LATEST.svg} and the results block of ${BENCHMARKS_MD}`);
}

/** Every selected stage run, in order; a failing one is recorded and the suite goes on. */
async function runStages(options: SuiteOptions, versions: BenchResult['versions']): Promise<{ runs: StageRun[]; drafts: FigureDraft[] }> {
  const runs: StageRun[] = [];
  const drafts: FigureDraft[] = [];
  for (const stage of STAGES.filter((s) => only.includes(s.name) && !skip.includes(s.name))) {
    const missing = (await Promise.all(stage.needs.map(async (c) => ((await hasCommand(c)) ? [] : [c])))).flat();
    for (const plan of stage.plan(options)) {
      const label = plan.variant === undefined ? stage.name : `${stage.name} (${plan.variant})`;
      const command = ['npx', 'tsx', `bench/${stage.script}`, ...plan.args];
      if (missing.length > 0) {
        runs.push({ stage: stage.name, label, command, status: 'skipped', seconds: 0, summary: `skipped: needs ${missing.join(', ')} on PATH` });
        log(`${label}: skipped, needs ${missing.join(', ')}`);
        continue;
      }
      log(`${label}: ${command.join(' ')}`);
      const started = performance.now();
      const seconds = (): number => Number(((performance.now() - started) / 1000).toFixed(1));
      try {
        const output = await runJsonProcess<unknown>(label, process.execPath, ['--import', 'tsx', inRepo(`bench/${stage.script}`), ...plan.args], { timeoutMs: STAGE_TIMEOUT_MS[options.quick ? 'quick' : 'full'] });
        const reading = stage.read(output, plan.variant);
        drafts.push(...reading.figures);
        Object.assign(versions, reading.versions);
        runs.push({ stage: stage.name, label, command, status: 'ok', seconds: seconds(), summary: reading.summary, output });
        log(`${label}: ok in ${seconds()} s, ${reading.summary}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // The end of a failing stage's log says why; the whole of it stays in the result file.
        runs.push({ stage: stage.name, label, command, status: 'failed', seconds: seconds(), summary: `failed: …${message.replace(/\s+/g, ' ').slice(-300)}`, output: { error: message } });
        log(`${label}: FAILED in ${seconds()} s: ${message}`);
      }
    }
  }
  return { runs, drafts };
}

if (values.from !== undefined) {
  await render(benchResultSchema.parse(JSON.parse(await readFile(values.from, 'utf8'))));
} else {
  const options: SuiteOptions = { quick: values.quick, drivers };
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const versions = await describeVersions();
  const { runs, drafts } = await runStages(options, versions);
  const figures = withRatios(drafts);
  const result: BenchResult = {
    format: 'shelfstream-bench/1',
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    notes: values.note,
    machine: { ...machine, loadAverageAtEnd: loadAverage() },
    versions,
    stages: runs,
    figures,
    targets: evaluateTargets(figures),
  };
  await mkdir(inRepo(RESULTS), { recursive: true });
  const file = `${RESULTS}/${startedAt.slice(0, 10)}T${startedAt.slice(11, 16).replace(':', '')}Z-${machine.host}.json`;
  const json = `${JSON.stringify(result, null, 2)}\n`;
  await writeFile(inRepo(file), json);
  await writeFile(inRepo(LATEST.json), json);
  log(`wrote ${file} and ${LATEST.json}`);
  await render(result);
  if (runs.some((r) => r.status === 'failed')) process.exitCode = 1;
}
