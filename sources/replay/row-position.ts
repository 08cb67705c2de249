/** A row's place in its file: what a dead letter and a RowError point at. */
export interface RowPosition {
  /** The file as the replay was given it. */
  readonly file: string;
  /** Physical line the row starts on, 1-based. */
  readonly line: number;
}
