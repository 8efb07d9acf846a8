export * from './FormRenderer.js';
export * from './FormRendererWarmup.js';
export * from './fieldRenderer.js';
export * from './fieldRenderers.js';
export * from './RendererContext.js';
export * from './toFormilySchema.js';
export * from './submitRecord.js';
export * from './idNumberFill.js';
