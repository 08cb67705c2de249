import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * A service named by the configuration cannot be reached or refuses us. The message names the
 * setting to fix; the condition may pass (the stack is still starting), so it is retriable.
 */
export class ServiceUnavailableError extends ShelfstreamError {
  readonly code = 'SERVICE_UNAVAILABLE';
  readonly retriable = true;
  readonly service: string;

  constructor(service: string, setting: string, detail: string, options: ShelfstreamErrorOptions = {}) {
    super(`${service} is not usable (check ${setting}): ${detail}`, { ...options, location: { setting } });
    this.service = service;
  }
}
