import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * Chromium is missing or does not start. The crawler never downloads a browser: it drives
 * Debian's chromium, which `bash docker/tools/ensure-chromium` installs.
 */
export class BrowserUnavailableError extends ShelfstreamError {
  readonly code = 'BROWSER_UNAVAILABLE';
  readonly retriable = false;

  constructor(executablePath: string, detail: string, options: ShelfstreamErrorOptions = {}) {
    super(`cannot start Chromium at ${executablePath}: ${detail} (install it with: bash docker/tools/ensure-chromium)`, {
      ...options,
      location: { file: executablePath },
    });
  }
}
