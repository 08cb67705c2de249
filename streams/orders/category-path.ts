// Breadcrumb separators seen in Amazon exports: "Electronics > Headphones", "Home › Kitchen", "Books/Fiction".
const SEPARATOR = /\s*[>›/]\s*/u;

/**
 * A category as its path from the root: "Electronics > Headphones" is [Electronics, Headphones],
 * "Toys & Games" is [Toys & Games]. Inner whitespace is collapsed and empty steps dropped, so
 * " Books >  Fiction " and "Books>Fiction" are one path. An empty category has an empty path.
 */
export function categoryPath(category: string): string[] {
  return category
    .split(SEPARATOR)
    .map((step) => step.replace(/\s+/gu, ' ').trim())
    .filter((step) => step !== '');
}
