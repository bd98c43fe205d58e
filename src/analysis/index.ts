// The analysis layer: filters → figures, breakdowns, comparisons, spread and clusters, with provenance.
export * from './filter/index.js';
export { figure, figureOf, type Figure, type FigureOptions } from './figure.js';
export { breakdown, BREAKDOWN_KEYS, type Breakdown, type BreakdownKey, type BreakdownOptions, type BreakdownRow } from './breakdown.js';
export { compare, type Comparison, type CompareOptions } from './compare.js';
export { spread, type Spread, type SpreadOptions, type SpreadPlace } from './spread.js';
export { clusters, linkPoints, type Cluster, type ClusterOptions, type Clusters } from './clusters.js';
export { refreshRollups, rebuildAllRollups, type DateRange } from './rollups.js';
export { MEASURES, parseMeasure, CIVILIAN_DEFINITIONS, type Measure, type Range } from './measures.js';
