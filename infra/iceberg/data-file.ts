import type { ColumnStatistics } from './column-statistics.ts';

/** A data file written and not yet committed: what its manifest entry will say of it. */
export interface DataFile {
  readonly location: string;
  readonly fileSizeInBytes: number;
  readonly recordCount: number;
  /** The partition tuple, by partition field name, in the values of the transforms' result types. */
  readonly partition: Readonly<Record<string, unknown>>;
  readonly columns: ReadonlyMap<number, ColumnStatistics>;
}
