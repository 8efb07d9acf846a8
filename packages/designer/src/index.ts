export * from './flow-designer/index.js';
export * from './form-designer/index.js';
