/**
 * Fetched headers as the bytes an `IncomingRecord` carries, from (name, value) pairs in the order
 * the client gives them: a later pair of the same name wins, and values that are neither bytes nor
 * text are left out.
 */
export function headerBytes(entries: Iterable<readonly [string, unknown]>): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [name, value] of entries) {
    if (Buffer.isBuffer(value)) out[name] = value;
    else if (typeof value === 'string') out[name] = Buffer.from(value);
  }
  return out;
}
