import { loadConfig } from '../../config/index.ts';
import { ShelfstreamError } from '../../errors/index.ts';
import { createLogger } from '../../infra/logger.ts';
import { startConsoleServer } from './console-server.ts';

/**
 * The console as its own process, configured from the environment: `shelfstream console` runs
 * this file (the CLI does not import console/, which sits beside it at the top of the layers).
 */
const config = loadConfig();
const log = createLogger(config, 'console');
try {
  const server = await startConsoleServer(config, log);
  // Plain and unconditional, whatever the log level: the address is what the user (or the parent process) needs.
  process.stdout.write(`console at ${server.url}${config.console.readOnly ? ' (read-only)' : ''}\n`);
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping the console');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (!(error instanceof ShelfstreamError)) throw error;
  console.error(`shelfstream: error [${error.code}]: ${error.message}`);
  process.exit(1);
}
