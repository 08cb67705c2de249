const LETTERS = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

// Names as exports write them that are not CLDR's English display names.
const ALIASES: Readonly<Record<string, string>> = { 'great britain': 'GB', usa: 'US', 'u.s.': 'US', 'u.s.a.': 'US', america: 'US', 'united states of america': 'US' };

const normal = (name: string): string => name.trim().replace(/\s+/gu, ' ').toLowerCase();

/** The current code of a two-letter region code ("UK" is GB, Burma's "BU" is MM); undefined when CLDR names no such region. */
function canonicalRegion(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || regionNames.of(code) === undefined) return undefined;
  const [locale] = Intl.getCanonicalLocales(`und-${code}`);
  return locale === undefined ? undefined : new Intl.Locale(locale).region;
}

// Every region CLDR names, by its English name ("United Kingdom" is GB); built once.
const BY_NAME: ReadonlyMap<string, string> = new Map([
  ...LETTERS.flatMap((a) =>
    LETTERS.flatMap((b) => {
      const name = regionNames.of(a + b);
      return name === undefined || canonicalRegion(a + b) !== a + b ? [] : [[normal(name), a + b] as const];
    }),
  ),
  ...Object.entries(ALIASES),
]);

/**
 * The ISO 3166-1 alpha-2 code of a country named in English ("India" is IN, "United Kingdom" and
 * "UK" are GB), or of a code given as such ("in" is IN); null when the name is not recognised.
 */
export function countryCode(country: string): string | null {
  const key = normal(country);
  return canonicalRegion(key.toUpperCase()) ?? BY_NAME.get(key) ?? null;
}
