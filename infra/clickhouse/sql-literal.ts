import { InvalidOptionError } from '../../errors/index.ts';

/** A value that may be bound into a query: a string, a safe integer, a finite number, or a list of them. */
export type SqlValue = string | number | boolean | readonly (string | number)[];

// ClickHouse reads these backslash escapes inside a quoted string; everything else stands for itself.
const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\0': '\\0', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
const NEEDS_ESCAPE = /[\\'\0\n\r\t\b\f]/g;

/**
 * `value` as a ClickHouse literal. The one place a value enters SQL text: ClickHouse 18.16 has no
 * query parameters, so every value is quoted here and nowhere else. A string becomes a single-quoted
 * literal whose every quote and backslash is escaped, so nothing in it (`'`, `--`, `;`, `/*`) can end
 * the literal; numbers are written only when finite, so `NaN` or `1e400` cannot become SQL.
 */
export function sqlLiteral(value: SqlValue): string {
  if (typeof value === 'string') return `'${value.replace(NEEDS_ESCAPE, (c) => ESCAPES[c] ?? c)}'`;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
      throw new InvalidOptionError('SQL value', [{ path: '', message: `${value} is not a finite number within 2^53` }]);
    }
    return String(value);
  }
  return `[${value.map((v) => sqlLiteral(v)).join(', ')}]`;
}

/** SQL text trusted as written in the code (a table name, a column list), never built from input. */
export class TrustedSql {
  constructor(readonly text: string) {}
}

/**
 * A query from a template: the literal parts as written, every `${}` bound through sqlLiteral
 * unless it is TrustedSql. `sql\`SELECT ... WHERE asin = ${asin}\`` cannot be broken by `asin`.
 */
export function sql(parts: TemplateStringsArray, ...values: readonly (SqlValue | TrustedSql)[]): string {
  return parts.reduce((text, part, i) => {
    const value = values[i - 1];
    return text + (value instanceof TrustedSql ? value.text : sqlLiteral(value as SqlValue)) + part;
  });
}
