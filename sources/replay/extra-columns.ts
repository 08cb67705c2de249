/**
 * Columns of a replayed CSV that the loader does not know (a dataframe's index column, a new
 * vendor field) travel with each record in this header, as a JSON object of column name to
 * value, so the raw layer keeps them. A header rather than a schema field: the ClickHouse raw
 * tables are loaded from the records' fields as they are, and would refuse an unknown column.
 */
export const EXTRA_COLUMNS_HEADER = 'shelfstream.source.extra-columns';

/** The header carrying a row's unknown columns; none when the file has no such column. */
export function extraColumnsHeaders(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.keys(values).length === 0 ? {} : { [EXTRA_COLUMNS_HEADER]: JSON.stringify(values) };
}

/** A record's unknown columns, as the replay wrote them; null when it carries none. */
export function readExtraColumns(headers: Readonly<Record<string, Buffer | string | undefined>>): Record<string, string> | null {
  const header = headers[EXTRA_COLUMNS_HEADER];
  return header === undefined ? null : (JSON.parse(header.toString()) as Record<string, string>);
}
