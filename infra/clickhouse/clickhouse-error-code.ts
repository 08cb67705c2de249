/**
 * ClickHouse's numeric error code of a failed call ('' when the server never answered, as when it
 * is down); servers older than the client's parser (18.16) only put it in the text.
 */
export function clickHouseErrorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^\d+$/.test(code)) return code;
  return /Code: (\d+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
}
