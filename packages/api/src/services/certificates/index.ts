export { issueCertificate, issuingDepartmentOf, publicBaseUrl, verificationUrl, type IssueCertificateInput, type IssuedCertificate } from './issueCertificate.js';
export { recordPrint, listPrints, printGate, windowPrintOffset, setWindowPrintOffset, type RecordPrintInput, type RecordedPrint, type CertificatePrintedEvent } from './recordPrint.js';
export { listCertificates, holderValidCertificates, revokeCertificate, readCertificate, certificateStatus, certificateStatusLabels, type CertificateSummary, type CertificateStatus } from './library.js';
export { verifyByToken, verifyUpload, type PublicVerification, type VerificationOutcome } from './verifyCertificate.js';
export { createDepartmentSeal, listSeals, ensurePlatformCa, loadSealForSigning, type SealSummary } from './seals.js';
export { diskFileStore, masterKey, dataDir, type FileStore } from './storage.js';
export { numberRuleTokens, numberRuleProblems, formatNumberRule } from './numberRule.js';
export { actsForDepartment } from './authorisation.js';
export { issueAutomaticCertificates, automaticCertificatesSettled, automaticIssueOf, requestAutomaticCertificate, automaticIssueMaxAttempts, type AutomaticIssueOutcome } from './automaticIssue.js';
