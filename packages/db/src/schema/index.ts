export * from './metadata.js';
export * from './auth.js';
export * from './audit.js';
export * from './calendar.js';
export * from './studio.js';
export * from './cases.js';
export * from './certificates.js';
export * from './items.js';
