export { appRouter, type AppRouter } from './routers/app.js';
export { createContext, type Context, type CreateContextOptions, type RequestInfo } from './context.js';
export {
  createCallerFactory,
  procedure,
  publicProcedure,
  signedInProcedure,
  requires,
  assertCapability,
  type Access,
  type ProcedureMeta,
} from './trpc.js';
export type { CurrentUser } from './auth/current-user.js';
export { csrfCookieName, csrfHeaderName, sessionCookieName, parseCookies, serializeCookie } from './auth/cookies.js';
export { hashPassword, verifyPassword, passwordPolicyProblem } from './auth/passwords.js';
export { signInPolicy } from './auth/sign-in.js';
export { housekeeping } from './services/housekeeping.js';
export { listDemoAccounts, type DemoAccount } from './auth/demo-accounts.js';
export { sessionIdleMs } from './auth/sessions.js';
export { saveDocument, removeDocument, parseOrThrow } from './services/documents.js';
export { adminKinds, adminKindCapabilities, type AdminKind } from './routers/admin/documents.js';
export type { RegionNode, OrganizationNode } from './routers/admin/trees.js';
export { jsonPath, describeDocument } from './services/describe.js';
export {
  checkMetadata,
  checkMetadataFiles,
  formatProblem,
  metadataChecks,
  duplicateIdCheck,
  referenceCheck,
  uniqueAccountCheck,
  parentCycleCheck,
  type MetadataCheck,
  type MetadataCheckContext,
  type MetadataProblem,
  type MetadataCheckResult,
  type LoadedDocument,
} from './metadata/check.js';
export { flowReviewCheck, describeReviewProblem } from './metadata/flow-review-check.js';
export { readMetadataFolder, kindFolders } from './metadata/folder.js';
export {
  importMetadata,
  exportMetadata,
  isSeeded,
  documentFileText,
  demoPassword,
  MetadataImportError,
  type ImportSummary,
} from './metadata/import-export.js';
export { caseTimerSweepQueue, legacyCaseTimerQueue, type DueTimer } from './services/cases/timers.js';
export { attachDeskEventRelay, deskEventChannel } from './services/cases/events.js';
export {
  handleCaseTimer,
  sweepDueTimers,
  scanNewActivity,
  deliverPendingSms,
  smsGatewayFromEnv,
  type SmsGateway,
} from './services/supervision/index.js';
export { attachBackups, runBackup, readBackupSettings, backupQueue, type BackupSettings } from './services/backup/index.js';
export { runDoctor, doctorChecks, type DoctorCheck, type DoctorReport, type DoctorViolation } from './services/doctor/index.js';
export { ensureImportedItems } from './services/items/imported.js';
export { refreshCaseRollups, caseRollupQueue } from './services/rollups/index.js';
export { acceptCase, act, caseHeadCounts, inbox, loadActor, transitionStatementText, transitionWritesText, type ActionInput, type DeskActor } from './services/cases/index.js';
export { drillCases, loadReport, runReport, type ReportDefinition } from './services/reports/index.js';
export { scopeOf } from './services/supervision/scope.js';
export { createMaterialFilesHandler, localMaterialStore, materialFilesPath, type MaterialStore } from './services/materials/index.js';
