/**
 * The input offset below which every sink of a task already holds the records, or undefined when
 * some sink keeps no position of its own or the task keeps state (skipping input would leave the
 * stores without it). Then the task seeks there instead of processing again.
 */
export function holdsFrom(positions: readonly (bigint | undefined)[], hasStores: boolean): bigint | undefined {
  if (hasStores || positions.length === 0) return undefined;
  let low: bigint | undefined;
  for (const p of positions) {
    if (p === undefined) return undefined;
    if (low === undefined || p < low) low = p;
  }
  return low;
}
