export * from './storage.js';
export * from './detect.js';
export * from './library.js';
export * from './http.js';
export * from './supplements.js';
