import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CsvHeaderError, FileAccessError, InputFileError } from '../errors/index.ts';
import { csvFileHeader } from '../sources/replay/csv-file-header.ts';
import type { ReplayKindName } from '../sources/replay/replay-kinds.ts';

/** A user's own data for the main job, checked: absolute paths of readable files of the right kind. */
export interface MainJobInputs {
  /** Sales CSVs replayed into the orders topic, in order; the last one ends every partition's input. */
  readonly sales: readonly string[];
  /** Product CSVs replayed into the catalog products topic. */
  readonly products: readonly string[];
  /** Saved HTML pages, directories expanded to their .html files. */
  readonly pages: readonly string[];
  /**
   * The synthetic inputs: the bundled sample of each kind not given, the generated observations
   * of its catalog, the fixture storefront's crawl and the fixture API's poll. On when no file is
   * given; off when any is, unless asked for (`--fixtures`), so a user's data is not mixed with them.
   * Off with no file (`--no-fixtures`): the topologies alone, as a deployment's members run.
   */
  readonly fixtures: boolean;
}

/** The main job's inputs when no file is given: the bundled sample and the fixtures. */
export const BUNDLED_INPUTS: MainJobInputs = { sales: [], products: [], pages: [], fixtures: true };

/** The run command's input flags as commander gives them. */
export interface MainJobInputFlags {
  readonly sales?: readonly string[];
  readonly products?: readonly string[];
  readonly pages?: readonly string[];
  readonly fixtures?: boolean;
}

const PAGE_FILE = /\.html?$/i;

/** The flags of MainJobInputFlags, documented, for the commands that run the main job (`run`, `rebuild`). */
export function addMainJobInputOptions(command: Command): Command {
  return command
    .option('--sales <csv...>', "your sales CSVs (the Amazon sales dataset's columns) instead of the bundled sample, replayed in order into the orders topic; the last ends the input, so every window closes")
    .option('--products <csv...>', 'your product CSVs (the Kaggle Amazon products columns) instead of the bundled catalog, replayed into the catalog products topic before the pipelines start; a listing repeated across category files is loaded once')
    .option('--pages <file-or-dir...>', "your saved HTML pages (a directory: its .html files), turned into the events a crawl of them gives: product pages and reviews; a blocked or unrecognized page is reported by file and dead-lettered. A page's URL is its canonical link, else its file: URL")
    .option('--fixtures', "with --sales, --products or --pages, also run the synthetic inputs they turn off: the bundled sample of each kind not given, observations generated for it, the fixture storefront's crawl and the fixture API's poll")
    .option('--no-fixtures', "without files, run the topologies alone on what the input topics hold and receive (no sample, no fixtures): one member of each topology's group, as each machine of a deployment runs it")
    .addHelpText(
      'after',
      '\nGiven files replace the bundled sample of their kind, and turn the synthetic inputs off (see --fixtures). Each file resumes from its progress in Kafka, so a rerun with the same files adds nothing.\nA missing file, a directory without .html pages or a CSV of another kind stops the command before anything starts, with exit code 2.',
    );
}

/**
 * Checks the files given to the main job before anything starts and answers them as inputs:
 * every CSV must be a readable file whose header has its kind's columns; every page argument a
 * readable file, or a directory holding .html pages (its .html and .htm files, by name). Throws
 * InputFileError naming the flag and the first file that is wrong.
 */
export async function resolveMainJobInputs(flags: MainJobInputFlags): Promise<MainJobInputs> {
  const sales = await csvInputs('--sales', 'sales', flags.sales ?? []);
  const products = await csvInputs('--products', 'products', flags.products ?? []);
  const pages: string[] = [];
  for (const given of flags.pages ?? []) pages.push(...(await pageFiles(given)));
  const anyGiven = sales.length + products.length + pages.length > 0;
  return { sales, products, pages: [...new Set(pages)], fixtures: flags.fixtures ?? !anyGiven };
}

async function csvInputs(option: string, kind: ReplayKindName, files: readonly string[]): Promise<string[]> {
  const checked: string[] = [];
  for (const given of files) {
    const file = path.resolve(given);
    if (!(await entryOf(option, given)).isFile()) throw new InputFileError(option, given, 'it is a directory, not a CSV file');
    try {
      await csvFileHeader(file, kind);
    } catch (error) {
      if (error instanceof CsvHeaderError) throw new InputFileError(option, given, `not a ${kind} CSV: its header lacks ${error.missing.join(', ')}`, { cause: error });
      throw inputError(option, given, error);
    }
    checked.push(file);
  }
  return [...new Set(checked)];
}

async function pageFiles(given: string): Promise<string[]> {
  const entry = await entryOf('--pages', given);
  const file = path.resolve(given);
  if (entry.isFile()) return [file];
  const names = await readdir(file).catch((error: unknown) => { throw inputError('--pages', given, error); });
  const pages = names.filter((name) => PAGE_FILE.test(name)).sort().map((name) => path.join(file, name));
  if (pages.length === 0) throw new InputFileError('--pages', given, 'a directory without .html pages');
  return pages;
}

async function entryOf(option: string, given: string): Promise<{ isFile(): boolean }> {
  return stat(given).catch((error: unknown) => { throw inputError(option, given, error); });
}

/** A file-system failure as an input error with the system's reason ("no such file or directory"). */
function inputError(option: string, given: string, error: unknown): unknown {
  const access = FileAccessError.of(given, 'read', error);
  return access instanceof FileAccessError ? new InputFileError(option, given, access.message.replace(`cannot read ${given}: `, ''), { cause: error }) : error;
}
