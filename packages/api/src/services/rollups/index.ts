export * from './case-rollups.js';
export * from './report-source.js';
