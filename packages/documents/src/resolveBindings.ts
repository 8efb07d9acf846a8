import type { CertificateTemplateDocument, DocumentTemplateDocument } from '@xlgl/schema';
import { formatDateChinese } from './format/formatDateChinese.js';
import { formatMoney, formatMoneyChinese } from './format/formatMoneyChinese.js';

export type TemplateDocument = CertificateTemplateDocument | DocumentTemplateDocument;
export type TemplateElement = TemplateDocument['elements'][number];
export type TemplateBinding = NonNullable<TemplateElement['binding']>;
export type TemplateCaseKey = Extract<TemplateBinding, { source: 'case' }>['key'];
export type TemplateVariant = 'original' | 'copy';

/**
 * Values a template is filled with. Form values should be display-ready (option labels rather than
 * codes); arrays are joined with 、, objects show their `label`, `name`, `text` or `detail`.
 */
export interface TemplateData {
  form?: Record<string, unknown>;
  case?: Partial<Record<TemplateCaseKey, unknown>>;
}

/** One element with the text it shows (for qr: the bound content; for line/image/seal: empty). */
export interface ResolvedElement {
  id: string;
  type: TemplateElement['type'];
  text: string;
  /** The element is bound but the data holds no value for it. */
  missing: boolean;
}

/**
 * Fills every element of a template from case data and applies its format (date-cn, money-cn, money).
 * Pure: the server renderer and a browser preview use the same resolved values.
 */
export function resolveBindings(template: Pick<TemplateDocument, 'elements'>, data: TemplateData): ResolvedElement[] {
  return template.elements.map((element) => {
    if (element.type === 'line' || element.type === 'seal' || element.type === 'image') {
      return { id: element.id, type: element.type, text: '', missing: false };
    }
    if (!element.binding) {
      return { id: element.id, type: element.type, text: element.text ?? '', missing: false };
    }
    const raw = readBinding(element.binding, data);
    const text = element.type === 'list' ? listLines(raw) : formatValue(raw, element.format);
    return { id: element.id, type: element.type, text, missing: text === '' };
  });
}

/** Numbered lines of a list value, one entry per line (`1. 营业执照复印件`). */
export function listLines(value: unknown): string {
  const entries = Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
  return entries
    .map((entry) => formatValue(entry, 'plain'))
    .filter((text) => text !== '')
    .map((text, index) => `${index + 1}. ${text}`)
    .join('\n');
}

/** Elements shown on the given variant (正本/副本). */
export function elementsForVariant<T extends Pick<TemplateElement, 'variants'>>(elements: readonly T[], variant: TemplateVariant): T[] {
  return elements.filter((element) => (element.variants ?? ['original', 'copy']).includes(variant));
}

function readBinding(binding: TemplateBinding, data: TemplateData): unknown {
  return binding.source === 'form' ? data.form?.[binding.fieldId] : data.case?.[binding.key];
}

/** Formats a bound value; a value the format cannot read is shown as it is. */
export function formatValue(raw: unknown, format: TemplateElement['format'] = 'plain'): string {
  if (raw === undefined || raw === null || raw === '') return '';
  switch (format) {
    case 'date-cn':
      return formatDateChinese(raw) ?? displayText(raw);
    case 'money-cn':
      return formatMoneyChinese(raw) ?? displayText(raw);
    case 'money':
      return formatMoney(raw) ?? displayText(raw);
    default:
      return displayText(raw);
  }
}

function displayText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return formatDateChinese(value) ?? '';
  if (Array.isArray(value)) return value.map(displayText).filter((text) => text !== '').join('、');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['label', 'name', 'text', 'detail']) {
      if (typeof record[key] === 'string' && record[key] !== '') return record[key] as string;
    }
  }
  return '';
}
