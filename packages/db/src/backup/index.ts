export * from './format.js';
export * from './catalogue.js';
export * from './writeBackup.js';
export * from './readBackup.js';
export * from './restoreBackup.js';
export * from './backupFiles.js';
