/** An amount in minor units as money in its currency (`$1,234.50`), the minor digits the currency's own. */
export function money(minor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    // Not an ISO 4217 code: the number as it is, with the code beside it.
    return `${minor.toLocaleString('en-US')} ${currency}`;
  }
}

/** Minor units as major units for the chart's axis: the currency's own minor digits. */
export function majorUnits(minor: number, currency: string): number {
  try {
    return minor / 10 ** (new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);
  } catch {
    return minor;
  }
}

export const count = (n: number): string => n.toLocaleString('en-US');

export const utc = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
