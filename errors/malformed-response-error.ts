import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * An API answered 200 with a body that is not the JSON it documents (cut short, not JSON, wrong
 * shape). Often a transient fault of a proxy, so it is retried; a body that stays malformed is
 * dead-lettered as received, so it can be shown to the API's maintainers.
 */
export class MalformedResponseError extends ShelfstreamError {
  readonly code = 'API_MALFORMED_RESPONSE';
  readonly retriable = true;
  /** The body exactly as received. */
  readonly body: string;

  constructor(service: string, detail: string, body: string, options: ShelfstreamErrorOptions = {}) {
    super(`${service} sent a malformed response: ${detail}`, options);
    this.body = body;
  }
}
