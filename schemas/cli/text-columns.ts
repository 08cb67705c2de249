/**
 * Rows as left-aligned columns separated by two spaces, the last column unpadded. A few lines of
 * padEnd: a table library would add borders and a dependency for nothing more.
 */
export function textColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}
