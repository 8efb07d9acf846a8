export { renderTemplatePdf, type RenderTemplateOptions } from './renderTemplatePdf.js';
export {
  resolveBindings,
  elementsForVariant,
  formatValue,
  listLines,
  type ResolvedElement,
  type TemplateData,
  type TemplateDocument,
  type TemplateElement,
  type TemplateBinding,
  type TemplateCaseKey,
  type TemplateVariant,
} from './resolveBindings.js';
export { formatDateChinese, toChinaCalendarDate } from './format/formatDateChinese.js';
export { formatMoneyChinese, formatMoney, parseAmountToFen } from './format/formatMoneyChinese.js';
export { printableText } from './pdf/printableText.js';
export { layoutText, type TextLayout, type LayoutTextOptions, type MeasureText } from './pdf/layoutText.js';
export { pageSizeMm, mmToPt } from './pdf/pageSize.js';
export type { SealAppearance } from './pdf/drawSeal.js';
export { createPlatformCa, createSealKey, type PlatformCa, type SealKey, type Sm2KeyPair } from './seal/certificates.js';
export { encryptSecret, decryptSecret, decryptSecretBytes } from './seal/secretBox.js';
export { signPdf, type SignPdfOptions } from './seal/signPdf.js';
export { sm2SignDigest, verifySm2Digest, sm3Hex, type Sm2Record } from './seal/sm2Signature.js';
export {
  verifyPdf,
  findSignatureByteRange,
  type VerifyPdfOptions,
  type VerificationResult,
  type VerificationStatus,
  type VerificationDetail,
  type VerificationCheck,
  type SignerInfo,
} from './seal/verifyPdf.js';
