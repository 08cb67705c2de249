/** Calendar parts of an instant in UTC, as the enriched records carry them. */
export interface DateParts {
  readonly year: number;
  /** 1 to 4. */
  readonly quarter: number;
  /** 1 to 12. */
  readonly month: number;
  /** Day of month, 1 to 31. */
  readonly day: number;
  /** ISO day of week: 1 (Monday) to 7 (Sunday). */
  readonly dayOfWeek: number;
  /** ISO 8601 week number, 1 to 53: weeks start on Monday and week 1 holds the year's first Thursday. */
  readonly isoWeek: number;
}

const DAY_MS = 86_400_000;

/** The date parts of `ms` (since the epoch) in UTC, never the machine's time zone. */
export function dateParts(ms: number): DateParts {
  const date = new Date(ms);
  const month = date.getUTCMonth() + 1;
  const dayOfWeek = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  // The ISO week is the week of this week's Thursday, counted in the Thursday's year.
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 4 - dayOfWeek));
  const firstOfYear = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return {
    year: date.getUTCFullYear(),
    quarter: Math.ceil(month / 3),
    month,
    day: date.getUTCDate(),
    dayOfWeek,
    isoWeek: Math.floor((thursday.getTime() - firstOfYear) / DAY_MS / 7) + 1,
  };
}
