import { newId, type CertificateTemplateDocument, type DocumentTemplateDocument, type TemplateElement, type TemplateElementType } from '@xlgl/schema';

export type TemplateKind = 'certificate-template' | 'document-template';
export type TemplateDocument = CertificateTemplateDocument | DocumentTemplateDocument;

/** Page size in mm as printed (orientation applied), the same rule the PDF renderer uses. */
export function pageSizeMm(page: TemplateDocument['page']): { width: number; height: number } {
  const sizes = { A3: [297, 420], A4: [210, 297], A5: [148, 210] } as const;
  const [w, h] = page.size === 'custom' ? [page.width ?? 210, page.height ?? 297] : sizes[page.size];
  const landscape = page.orientation === 'landscape';
  if (page.size === 'custom') return landscape && w < h ? { width: h, height: w } : { width: w, height: h };
  return landscape ? { width: h, height: w } : { width: w, height: h };
}

/** Snaps a millimetre value to the grid step (the designer's 1 mm grid), never below zero. */
export function snapMm(value: number, step = 1): number {
  return Math.max(0, Math.round(value / step) * step);
}

/** Keeps an element inside the page. */
export function clampToPage(element: Pick<TemplateElement, 'x' | 'y' | 'width' | 'height'>, page: { width: number; height: number }) {
  const width = Math.min(Math.max(1, element.width), page.width);
  const height = Math.min(Math.max(1, element.height), page.height);
  return { x: Math.min(Math.max(0, element.x), page.width - width), y: Math.min(Math.max(0, element.y), page.height - height), width, height };
}

const defaults: Record<TemplateElementType, Partial<TemplateElement>> = {
  text: { width: 60, height: 8, text: '文字' },
  field: { width: 80, height: 8 },
  list: { width: 150, height: 40 },
  image: { width: 40, height: 30 },
  qr: { width: 28, height: 28 },
  seal: { width: 42, height: 42 },
  line: { width: 160, height: 1 },
};

/** A new element of a type at a position (mm), with the schema's defaults. */
export function newElement(type: TemplateElementType, at: { x: number; y: number }, extra: Partial<TemplateElement> = {}): TemplateElement {
  return {
    id: newId('el', 8),
    type,
    x: snapMm(at.x),
    y: snapMm(at.y),
    width: 40,
    height: 8,
    format: 'plain',
    font: 'serif',
    fontWeight: 'normal',
    fontSize: 12,
    align: 'left',
    wrap: true,
    variants: ['original', 'copy'],
    ...defaults[type],
    ...extra,
  } as TemplateElement;
}

/** A blank template of a kind. */
export function blankTemplate(kind: TemplateKind, values: { name: string; formId?: string; departmentId?: string; certificateName?: string; purpose?: string }): TemplateDocument {
  const base = {
    kind,
    id: newId(kind === 'certificate-template' ? 'cert' : 'doc'),
    version: 1,
    schemaVersion: 1 as const,
    name: values.name,
    page: { size: 'A4' as const, orientation: 'portrait' as const },
    elements: [],
    ...(values.formId ? { formId: values.formId } : {}),
    ...(values.departmentId ? { departmentId: values.departmentId } : {}),
  };
  return kind === 'certificate-template'
    ? ({ ...base, certificateName: values.certificateName || values.name, numberRule: '{regionCode}{year}{seq:6}', validityYears: 5 } as CertificateTemplateDocument)
    : ({ ...base, purpose: values.purpose ?? 'other' } as DocumentTemplateDocument);
}

/** Undo/redo history of whole documents (small: a template is a few kB). */
export type History<T> = { past: T[]; present: T; future: T[] };
export function historyOf<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}
export function pushHistory<T>(history: History<T>, next: T, limit = 100): History<T> {
  if (next === history.present) return history;
  return { past: [...history.past, history.present].slice(-limit), present: next, future: [] };
}
export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  return previous === undefined ? history : { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}
export function redo<T>(history: History<T>): History<T> {
  const next = history.future[0];
  return next === undefined ? history : { past: [...history.past, history.present], present: next, future: history.future.slice(1) };
}

/** What an element shows on the design canvas. */
export function elementCaption(element: TemplateElement, labels: { form: Record<string, string>; case: Record<string, string> }): string {
  if (element.type === 'text') return element.text ?? '';
  if (element.type === 'qr') return element.qrTarget === 'progress' ? '二维码（办件进度）' : '二维码（证照核验）';
  if (element.type === 'seal') return '印章';
  if (element.type === 'image') return '图片';
  if (element.type === 'line') return '';
  if (!element.binding) return '（未绑定）';
  const name = element.binding.source === 'form' ? (labels.form[element.binding.fieldId] ?? element.binding.fieldId) : (labels.case[element.binding.key] ?? element.binding.key);
  return `{${name}}`;
}
