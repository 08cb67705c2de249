import type { Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';

/** Markup whose text a reader never sees as content: code, styles and screen-reader duplicates. */
const HIDDEN_TEXT = 'script, style, noscript, template';

/** Collapses every run of whitespace (newlines, tabs, non-breaking spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text of the first matched element on one line, without script or style text; null when empty. */
export function inlineText(selection: Cheerio<AnyNode>, drop = ''): string | null {
  const element = selection.first().clone();
  element.find(drop === '' ? HIDDEN_TEXT : `${HIDDEN_TEXT}, ${drop}`).remove();
  const text = collapseWhitespace(element.text());
  return text === '' ? null : text;
}

/**
 * Text of the first matched element keeping its line structure: `<br>` and block elements
 * (paragraphs, divisions, list items) end a line, blank lines are dropped, and each line has
 * its whitespace collapsed. Review bodies are written in paragraphs; one long line loses that.
 */
export function blockText(selection: Cheerio<AnyNode>, drop = ''): string {
  const element = selection.first().clone();
  element.find(drop === '' ? HIDDEN_TEXT : `${HIDDEN_TEXT}, ${drop}`).remove();
  element.find('br').replaceWith('\n');
  element.find('p, div, li').after('\n');
  return element
    .text()
    .split('\n')
    .map(collapseWhitespace)
    .filter((line) => line !== '')
    .join('\n');
}
