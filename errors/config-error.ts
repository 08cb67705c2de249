import { ShelfstreamError } from './shelfstream-error.ts';

/** One bad setting: which environment variable or flag, and what is wrong with it. */
export interface SettingProblem {
  readonly env: string;
  readonly flag: string;
  readonly message: string;
}

/** Configuration is wrong: fatal at start, never retried. */
export class ConfigError extends ShelfstreamError {
  readonly code = 'CONFIG_INVALID';
  readonly retriable = false;
  readonly problems: readonly SettingProblem[];

  constructor(problems: readonly SettingProblem[]) {
    super(
      `invalid configuration:\n${problems.map((p) => `  - ${p.env} (${p.flag}): ${p.message}`).join('\n')}`,
      { location: { setting: problems.map((p) => p.env).join(',') } },
    );
    this.problems = problems;
  }
}
