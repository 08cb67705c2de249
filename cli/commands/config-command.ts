import { Command } from 'commander';
import { flagOf, settings } from '../../config/index.ts';
import { configFrom } from '../global-options.ts';

export function configCommand(): Command {
  return new Command('config')
    .description('print the effective configuration (secrets masked), or with --settings the table of settings')
    .option('--settings', 'list every setting: environment variable, flag and meaning')
    .action((options: { settings?: boolean }, command: Command) => {
      if (options.settings === true) {
        const rows = Object.values(settings);
        const width = Math.max(...rows.map((row) => row.env.length));
        for (const row of rows) console.log(`${row.env.padEnd(width)} --${flagOf(row.env).padEnd(width - 'SHELFSTREAM_'.length)} ${row.doc}`);
        return;
      }
      console.log(JSON.stringify(configFrom(command), null, 2));
    });
}
