import { pino, type Logger } from 'pino';
import type { ShelfstreamConfig } from '../config/index.ts';

/** Structured JSON logs on stderr (stdout stays for command output), at the configured level. */
export function createLogger(config: Pick<ShelfstreamConfig, 'logLevel'>, name = 'shelfstream'): Logger {
  return pino({ name, level: config.logLevel, base: { pid: process.pid } }, pino.destination(2));
}

export type { Logger } from 'pino';
