import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { label, optionalText } from '../common.js';

export type DictionaryEntry = { value: string; label: string; children?: DictionaryEntry[] };

const dictionaryEntry: z.ZodType<DictionaryEntry> = z.lazy(() =>
  z.object({
    value: z.string().min(1, { message: '字典值不能为空' }).max(64),
    label: label('字典项名称', 100),
    children: z.array(dictionaryEntry).optional(),
  }),
) as z.ZodType<DictionaryEntry>;

export const dictionaryDocument = documentBase('dictionary')
  .extend({
    schemaVersion: z.literal(1),
    name: label('字典名称', 50),
    description: optionalText(500),
    entries: z.array(dictionaryEntry).min(1, { message: '字典至少要有一项' }),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.entries.forEach((entry, index) => {
      if (seen.has(entry.value)) ctx.addIssue({ code: 'custom', path: ['entries', index, 'value'], message: `字典值“${entry.value}”重复` });
      seen.add(entry.value);
    });
  });
export type DictionaryDocument = z.infer<typeof dictionaryDocument>;

export function dictionaryReferences(_doc: DictionaryDocument): DocumentReference[] {
  return [];
}
