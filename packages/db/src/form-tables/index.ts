export * from './naming.js';
export * from './layout.js';
export * from './statements.js';
export * from './planFormChange.js';
export * from './bookkeeping.js';
export * from './publishFormTable.js';
export * from './runtimeTable.js';
export * from './records.js';
