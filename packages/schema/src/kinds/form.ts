import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId, fieldId } from '../ids.js';
import { label, optionalText } from '../common.js';
import { expression } from '../expression.js';

// NOTE: the field-type registry (packages/schema/src/field-types) refines `type` and `settings`.
export const formField = z.object({
  id: fieldId,
  type: z.string().min(1),
  label: label('字段名称', 200),
  help: optionalText(500),
  required: z.boolean().default(false),
  span: z.number().int().min(1).max(24).default(12),
  defaultValue: z.unknown().optional(),
  dictionaryId: documentId.optional(),
  settings: z.record(z.string(), z.unknown()).default({}),
  visibleWhen: expression.optional(),
  enabledWhen: expression.optional(),
  computed: expression.optional(),
  /** Removed fields stay in the document (and their column in the table) but are hidden. */
  removed: z.boolean().optional(),
});
export type FormField = z.infer<typeof formField>;

export const formSection = z.object({
  id: fieldId,
  title: label('分组名称', 100),
  ownerDepartmentId: documentId.optional(),
  tab: z.string().max(30).optional(),
  columns: z.number().int().min(1).max(4).default(2),
  fields: z.array(formField),
});

export const formDocument = documentBase('form').extend({
  schemaVersion: z.literal(1),
  name: label('表单名称', 100),
  departmentId: documentId.optional(),
  sections: z.array(formSection).min(1, { message: '表单至少要有一个分组' }),
  rules: z
    .array(z.object({ id: fieldId, message: label('校验提示', 200), expression }))
    .default([]),
});
export type FormDocument = z.infer<typeof formDocument>;

export function formReferences(doc: FormDocument): DocumentReference[] {
  const refs: DocumentReference[] = [];
  if (doc.departmentId) refs.push({ path: ['departmentId'], kind: 'organization', id: doc.departmentId });
  doc.sections.forEach((section, s) => {
    if (section.ownerDepartmentId) refs.push({ path: ['sections', s, 'ownerDepartmentId'], kind: 'organization', id: section.ownerDepartmentId });
    section.fields.forEach((field, f) => {
      if (field.dictionaryId) refs.push({ path: ['sections', s, 'fields', f, 'dictionaryId'], kind: 'dictionary', id: field.dictionaryId });
    });
  });
  return refs;
}
