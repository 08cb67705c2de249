/**
 * Confluent's verbose compatibility answer mixes the reasons with context: the old schema's full
 * text, its version and the level. People need the reasons, the version and the level; the old
 * schema is one `schemas diff` away. Messages of other shapes (other registries) pass unchanged.
 */
export function readableMessages(messages: readonly string[]): string[] {
  const reasons: string[] = [];
  const context: string[] = [];
  for (const message of messages) {
    if (message.startsWith('{oldSchema:') || message.startsWith('{"oldSchema"')) continue;
    const version = /^\{"?oldSchemaVersion"?:\s*(\d+)\}$/.exec(message);
    if (version !== null) {
      context.push(`checked against version ${version[1] ?? '?'}`);
      continue;
    }
    const level = /compatibility"?:\s*'?"?([A-Z_]+)/.exec(message);
    if (message.includes('validateFields') && level !== null) {
      context.push(`compatibility level ${level[1] ?? '?'}`);
      continue;
    }
    reasons.push(message);
  }
  return [...reasons, ...(context.length > 0 ? [`(${context.join(', ')})`] : [])];
}

/** A 409 message without the old schema's full text that Confluent's registry embeds in its details. */
export function readableConflict(message: string): string {
  return message.replace(/, \{oldSchema: '[\s\S]*?'\}(?=, \{validateFields|\]$)/, '');
}
