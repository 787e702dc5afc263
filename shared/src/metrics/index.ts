export * from './intervals.js';
export * from './scores.js';
