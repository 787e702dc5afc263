export * from './compare.js';
export * from './driver-place.js';
export * from './intervals.js';
export * from './relative-weights.js';
export * from './scales.js';
export * from './scores.js';
export * from './theme-tone.js';
export * from './value.js';
