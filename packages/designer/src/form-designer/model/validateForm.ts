import { formDocument, type FormDocument } from '@xlgl/schema';
import type { FormIssue } from '../types.js';

/**
 * Validates the form with the same zod schema the server uses and points each problem at the
 * section or field it belongs to (so the designer can select it).
 */
export function validateForm(form: FormDocument): FormIssue[] {
  const result = formDocument.safeParse(form);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    const out: FormIssue = { message: issue.message, path };
    if (path[0] === 'sections' && typeof path[1] === 'number') {
      const section = form.sections[path[1]];
      out.sectionId = section?.id;
      if (path[2] === 'fields' && typeof path[3] === 'number') {
        const field = section?.fields[path[3]];
        out.fieldId = field?.id;
        if (path[4] === 'fields' && typeof path[5] === 'number') out.fieldId = field?.fields?.[path[5]]?.id ?? out.fieldId;
      }
    }
    return out;
  });
}
