export interface ReviewDate {
  /** Calendar date as ISO 8601, such as 2024-01-06. */
  readonly date: string;
  /** Country named in "Reviewed in the United States on …"; null when the page does not say. */
  readonly country: string | null;
}

const MONTHS: readonly string[] = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const REVIEWED_IN = /Reviewed in (?:the )?(.+?) on (.+)$/i;
const MONTH_DAY_YEAR = /([A-Za-z]{3,})\.? (\d{1,2}),? (\d{4})/;
const DAY_MONTH_YEAR = /(\d{1,2})\.? ([A-Za-z]{3,})\.?,? (\d{4})/;
const ISO = /(\d{4})-(\d{2})-(\d{2})/;

/**
 * Date and country of an English review line: "Reviewed in the United States on January 6,
 * 2024", "Reviewed in India 🇮🇳 on 3 March 2023", or the bare "April 8, 2019" of 2019 pages.
 * Hand-written: Date.parse reads local time and accepts invalid days; this is exact and UTC.
 */
export function parseReviewDate(text: string | null | undefined): ReviewDate | null {
  if (text == null) return null;
  const line = text.replace(/\s+/g, ' ').trim();
  const reviewedIn = REVIEWED_IN.exec(line);
  const country = reviewedIn?.[1] === undefined ? null : cleanCountry(reviewedIn[1]);
  const date = isoDate(reviewedIn?.[2] ?? line);
  return date === null ? null : { date, country };
}

function isoDate(text: string): string | null {
  const iso = ISO.exec(text);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) return validDate(Number(mdy[3]), monthNumber(mdy[1]), Number(mdy[2]));
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return validDate(Number(dmy[3]), monthNumber(dmy[2]), Number(dmy[1]));
  return null;
}

function monthNumber(name: string | undefined): number {
  return MONTHS.indexOf((name ?? '').slice(0, 3).toLowerCase()) + 1;
}

function validDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Drops flag emoji and stray punctuation that some storefronts put after the country. */
function cleanCountry(raw: string): string | null {
  const country = raw.replace(/[^\p{L}\p{M} .'-]/gu, '').replace(/\s+/g, ' ').trim();
  return country === '' ? null : country;
}
