/**
 * The statements of a SQL file, split at each `;` outside quotes and comments, trimmed, comments
 * kept (ClickHouse ignores them). A ClickHouse server runs one statement per HTTP request, so a
 * file of several is sent one by one.
 */
export function splitSqlStatements(text: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') i = closingQuote(text, i, c) + 1;
    else if (c === '-' && text[i + 1] === '-') i = lineEnd(text, i);
    else if (c === '/' && text[i + 1] === '*') i = commentEnd(text, i);
    else if (c === ';') {
      statements.push(text.slice(start, i));
      start = ++i;
    } else i++;
  }
  statements.push(text.slice(start));
  return statements.map((s) => s.trim()).filter((s) => stripComments(s).trim() !== '');
}

/** Index of the quote closing the one at `open` (a backslash escapes the next character). */
function closingQuote(text: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i;
}

const lineEnd = (text: string, from: number): number => {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
};

const commentEnd = (text: string, from: number): number => {
  const end = text.indexOf('*/', from + 2);
  return end === -1 ? text.length : end + 2;
};

const stripComments = (statement: string): string => statement.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '');
