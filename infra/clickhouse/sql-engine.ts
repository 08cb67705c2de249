/**
 * What migrations and KPI queries need of a ClickHouse engine: one statement at a time, rows back
 * as JSON objects with 64-bit integers as numbers. The server implements it over HTTP
 * (clientSqlEngine); the tests implement it over chDB too, so the same SQL is proven on both.
 */
export interface SqlEngine {
  /** Runs one statement that returns nothing (DDL, INSERT). */
  execute(statement: string): Promise<void>;
  /** Runs one SELECT and returns its rows. */
  rows<T>(query: string): Promise<T[]>;
}
