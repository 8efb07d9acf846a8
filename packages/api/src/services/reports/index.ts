export * from './compiler.js';
export * from './excel.js';
export * from './run-report.js';
export * from './sources.js';
export * from './form-source.js';
