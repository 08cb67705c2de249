import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * A server this process was asked to start cannot listen where its flag says: the port is taken
 * or not permitted. A person must pick another port (or stop the other server); never retried.
 */
export class PortUnavailableError extends ShelfstreamError {
  readonly code = 'PORT_UNAVAILABLE';
  readonly retriable = false;

  constructor(address: string, flag: string, reason: string, options: Omit<ShelfstreamErrorOptions, 'location'> = {}) {
    super(`cannot listen on ${address} (${flag}): ${reason}`, { ...options, location: { setting: flag } });
  }

  /** `error` as a PortUnavailableError when it is a failure to listen (EADDRINUSE, EACCES...); any other error as it is. */
  static of(flag: string, error: unknown): unknown {
    const { code, syscall, address, port } = error as { code?: unknown; syscall?: unknown; address?: unknown; port?: unknown };
    if (typeof code !== 'string' || syscall !== 'listen') return error;
    const reason = code === 'EADDRINUSE' ? 'address already in use' : code === 'EACCES' ? 'permission denied' : code;
    return new PortUnavailableError(`${String(address)}:${String(port)}`, flag, reason, { cause: error });
  }
}
