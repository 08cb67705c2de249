/** An ASIN: ten upper-case letters or digits (B0BRKXTSBT, or an ISBN-10 for books). */
export const ASIN_FORMAT = /^[A-Z0-9]{10}$/;

/** Why `asin` is not an ASIN, or undefined when it is one. */
export const asinProblem = (asin: string): string | undefined =>
  ASIN_FORMAT.test(asin) ? undefined : `asin ${JSON.stringify(asin)} is not 10 upper-case letters or digits`;
