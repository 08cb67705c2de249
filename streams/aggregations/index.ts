export type { Accumulator, AggregateValue, ResultOf, StateOf } from './accumulator.ts';
export { count } from './count.ts';
export { sum } from './sum.ts';
export { min } from './min.ts';
export { max } from './max.ts';
export { average, type AverageState } from './average.ts';
export { distinctCount, type DistinctCountOptions, type DistinctCountState } from './distinct-count.ts';
export { quantiles, type QuantilesOptions, type QuantileValue } from './quantiles.ts';
export { composite, type CompositeField, type CompositeFields, type CompositeResult, type CompositeState } from './composite.ts';
