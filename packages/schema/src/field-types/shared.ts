import { z } from 'zod';
import type { DictionaryEntry } from '../kinds/dictionary.js';
import type { FieldConfigIssue, FieldDeclaration, ValueContext } from './definition.js';

/** An inline option of a select / multi-select. */
export const choiceOption = z.object({
  value: z.string().min(1, { message: '选项值不能为空' }).max(64, { message: '选项值不能超过64个字符' }),
  label: z.string().trim().min(1, { message: '选项名称不能为空' }).max(100, { message: '选项名称不能超过100个字符' }),
});
export type ChoiceOption = z.infer<typeof choiceOption>;

/** Settings shared by select and multi-select: inline options, or the field's `dictionaryId`. */
export const choiceSettings = {
  options: z.array(choiceOption).max(500, { message: '选项不能超过500个' }).default([]),
};

function flatten(entries: DictionaryEntry[], out: ChoiceOption[] = []): ChoiceOption[] {
  for (const entry of entries) {
    out.push({ value: entry.value, label: entry.label });
    if (entry.children) flatten(entry.children, out);
  }
  return out;
}

/**
 * The options a choice field offers: inline options, else its dictionary's entries when the
 * context provides them; `undefined` when they cannot be known (dictionary not loaded).
 */
export function choiceOptions(field: FieldDeclaration<{ options: ChoiceOption[] }>, context: Pick<ValueContext, 'dictionaries'>): ChoiceOption[] | undefined {
  if (field.settings.options.length > 0) return field.settings.options;
  if (field.dictionaryId && context.dictionaries?.[field.dictionaryId]) return flatten(context.dictionaries[field.dictionaryId]);
  return undefined;
}

/** A choice field needs inline options or a dictionary; inline values must be unique. */
export function checkChoiceField(field: FieldDeclaration<{ options: ChoiceOption[] }>): FieldConfigIssue[] {
  const issues: FieldConfigIssue[] = [];
  if (field.settings.options.length === 0 && !field.dictionaryId) {
    issues.push({ path: ['settings', 'options'], message: `“${field.label}”须填写选项或选择数据字典` });
  }
  const seen = new Set<string>();
  field.settings.options.forEach((option, index) => {
    if (seen.has(option.value)) issues.push({ path: ['settings', 'options', index, 'value'], message: `选项值“${option.value}”重复` });
    seen.add(option.value);
  });
  return issues;
}

/** A string code from the options, with a precise message. */
export function choiceCode(field: FieldDeclaration<{ options: ChoiceOption[] }>, context: ValueContext): z.ZodType<string> {
  const options = choiceOptions(field, context);
  const base = z.string({ message: `“${field.label}”的值必须是选项代码` }).min(1).max(64);
  if (!options) return base;
  const values = new Set(options.map((option) => option.value));
  return base.refine((value) => values.has(value), { message: `“${field.label}”的值不在可选项中` });
}

/** Optional reference to another field of the same form (checked by the form schema). */
export const fieldReference = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,47}$/, { message: '引用的字段标识格式不正确' })
  .optional();

export const placeholder = z.string().max(100, { message: '占位提示不能超过100个字符' }).optional();

/** Region code of 6, 9 or 12 digits (GB/T 2260 plus statistical township/village codes). */
export const regionCodePattern = /^\d{6}(\d{3}(\d{3})?)?$/;
