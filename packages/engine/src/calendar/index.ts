export * from './working-calendar.js';
export * from './thresholds.js';
