export * from './flow-designer/index.js';
