export * from './residentId.js';
export * from './creditCode.js';
export * from './organizationCode.js';
export * from './contact.js';
export * from './zod.js';
