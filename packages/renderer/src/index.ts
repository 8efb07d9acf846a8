export * from './progress-view/index.js';
