import { Command } from 'commander';
import { flagOf, settings } from '../../config/index.ts';
import { configFrom } from '../global-options.ts';

export function configCommand(): Command {
  return new Command('config')
    .description('print the effective configuration (secrets masked), or with --settings the table of settings')
    .option('--settings', 'list every setting: environment variable, flag and meaning')
    .action((options: { settings?: boolean }, command: Command) => {
      if (options.settings === true) {
        for (const row of Object.values(settings)) console.log(`${row.env.padEnd(34)} --${flagOf(row.env).padEnd(24)} ${row.doc}`);
        return;
      }
      console.log(JSON.stringify(configFrom(command), null, 2));
    });
}
