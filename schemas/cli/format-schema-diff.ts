import type { SchemaChange } from './avro-schema-diff.ts';

const MARK = { added: '+', removed: '-', changed: '~' } as const;

/** One line per change, `+` added, `-` removed, `~` changed, paths aligned: for people. */
export function formatSchemaDiff(changes: readonly SchemaChange[]): string[] {
  if (changes.length === 0) return ['  no differences'];
  const width = Math.max(...changes.map((c) => c.path.length));
  return changes.map((c) => {
    const head = `  ${MARK[c.change]} ${c.path.padEnd(width)}  `;
    if (c.aspect === 'field') return `${head}${c.change === 'added' ? `added: ${c.after ?? ''}` : `removed: ${c.before ?? ''}`}`;
    if (c.change === 'added') return `${head}${c.aspect} added: ${c.after ?? ''}`;
    if (c.change === 'removed') return `${head}${c.aspect} removed: ${c.before ?? ''}`;
    return `${head}${c.aspect}: ${c.before ?? ''} → ${c.after ?? ''}`;
  });
}
