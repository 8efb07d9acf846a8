export * from './settings.js';
export * from './runtime.js';
