/** A one-line reason from an error and its causes (`connect ECONNREFUSED 127.0.0.1:1`), for messages to people. */
export function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      const text = current.message || (typeof code === 'string' ? code : current.name);
      if (!parts.includes(text)) parts.push(text);
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  return parts.join(': ') || 'unknown error';
}
