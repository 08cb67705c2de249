import { isoCurrency } from '../orders/order-currency.ts';

/**
 * Why `code` is not an ISO 4217 code in upper case, or undefined when it is one. Market KPIs are
 * split by currency: "inr" beside "INR" would split one currency's figures in two.
 */
export const currencyProblem = (code: string): string | undefined =>
  isoCurrency(code) === code ? undefined : `currency ${JSON.stringify(code)} is not an ISO 4217 code`;
