export * from './progress-view/index.js';
export * from './form-renderer/index.js';
