/** "4.4 out of 5 stars" and its translations; the number comes first in most storefronts. */
const NUMBER_FIRST = /(\d(?:[.,]\d+)?)\s*(?:out of|von|sur|su|de|van|av|z|na|üzerinden|من)\s*5\b/i;
/** Japanese puts the scale first: "5つ星のうち4.4". */
const SCALE_FIRST = /5つ星のうち\s*(\d(?:[.,]\d+)?)/;

/**
 * Star rating from Amazon's prose ("4.4 out of 5 stars", "4,4 von 5 Sternen", "5 out of 5
 * stars") as a number from 0 to 5; null for any other text (`a-icon-alt` also holds labels
 * such as "Previous page of related Sponsored Products").
 */
export function parseRating(text: string | null | undefined): number | null {
  if (text == null) return null;
  const match = NUMBER_FIRST.exec(text) ?? SCALE_FIRST.exec(text);
  if (match?.[1] === undefined) return null;
  const rating = Number(match[1].replace(',', '.'));
  return rating >= 0 && rating <= 5 ? rating : null;
}
