import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** The service answered but refused our credentials: retrying cannot help, fix the setting. */
export class CredentialsRejectedError extends ShelfstreamError {
  readonly code = 'CREDENTIALS_REJECTED';
  readonly retriable = false;
  readonly service: string;

  constructor(service: string, setting: string, detail: string, options: ShelfstreamErrorOptions = {}) {
    super(`${service} rejected the credentials (check ${setting}): ${detail}`, { ...options, location: { setting } });
    this.service = service;
  }
}
