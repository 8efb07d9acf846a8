export * from './schema/index.js';
export * from './database.js';
export * from './rows.js';
export * from './migrate.js';
export * from './stable-json.js';
export * from './audit.js';
export * from './documents.js';
export * from './queue.js';
