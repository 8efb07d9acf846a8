import { fieldsRead, type Expression, type FormDocument, type FormField } from '@xlgl/schema';
import { allFields, insertField, insertProblem, type FieldTarget } from './formTree.js';
import { freshFieldId } from './ids.js';

/** What a copy holds: deep copies of fields as they were. */
export type FieldClipboard = { kind: 'xlgl-form-fields'; fields: FormField[] };

/** Copies fields (deeply, so later edits do not leak into the clipboard). */
export function copyFields(fields: FormField[]): FieldClipboard {
  return { kind: 'xlgl-form-fields', fields: structuredClone(fields) };
}

/** Serialises a clipboard for the system clipboard. */
export function clipboardText(clipboard: FieldClipboard): string {
  return JSON.stringify(clipboard);
}

/** Reads a clipboard from text; `undefined` when it is not ours (any other pasted text). */
export function parseClipboardText(text: string): FieldClipboard | undefined {
  try {
    const value = JSON.parse(text) as Partial<FieldClipboard>;
    if (value?.kind !== 'xlgl-form-fields' || !Array.isArray(value.fields)) return undefined;
    const fields = value.fields.filter(
      (field) => field && typeof field.id === 'string' && typeof field.type === 'string' && typeof field.label === 'string',
    );
    return fields.length > 0 ? { kind: 'xlgl-form-fields', fields } : undefined;
  } catch {
    return undefined;
  }
}

/** Appended to a pasted field's label. */
export const copySuffix = '（副本）';

const referenceSettings = ['sexField', 'birthDateField'] as const;

/**
 * Prepares a copied field for a form: new ids for it and its columns, and drops the parts that
 * would point nowhere (rules reading fields the form does not have, or any rule inside a sub-table).
 */
function adopt(field: FormField, options: { taken: Set<string>; known: Set<string>; inSubTable: boolean }): FormField {
  const id = freshFieldId(options.taken);
  options.taken.add(id);
  const copy: FormField = { ...structuredClone(field), id };
  delete copy.removed;
  const keeps = (expr: Expression | undefined) =>
    expr !== undefined && !options.inSubTable && [...fieldsRead(expr)].every((ref) => options.known.has(ref));
  for (const key of ['visibleWhen', 'enabledWhen', 'computed'] as const) if (!keeps(copy[key])) delete copy[key];
  const settings = { ...copy.settings };
  for (const key of referenceSettings) {
    if (typeof settings[key] === 'string' && !options.known.has(settings[key] as string)) delete settings[key];
  }
  copy.settings = settings;
  if (field.fields) copy.fields = field.fields.map((child) => adopt(child, { ...options, inSubTable: true }));
  return copy;
}

/**
 * Pastes the clipboard at a target: every pasted field gets a fresh id. Fields the target cannot
 * take (a sub-table into a sub-table) are skipped. Returns the new form and the new ids.
 */
export function pasteFields(
  form: FormDocument,
  clipboard: FieldClipboard,
  target: FieldTarget,
): { form: FormDocument; pastedIds: string[] } {
  const taken = new Set<string>([
    ...allFields(form).map((field) => field.id),
    ...form.sections.map((section) => section.id),
    ...(form.rules ?? []).map((rule) => rule.id),
  ]);
  const known = new Set(
    allFields(form)
      .filter((field) => !field.removed)
      .map((field) => field.id),
  );
  let next = form;
  const pastedIds: string[] = [];
  let index = target.index;
  for (const field of clipboard.fields) {
    if (insertProblem(next, field, target)) continue;
    const copy = adopt(field, { taken, known, inSubTable: Boolean(target.parentFieldId) });
    // the copy reads as a copy; labels stay within the schema's 200 characters
    copy.label = `${field.label.slice(0, 200 - copySuffix.length)}${copySuffix}`;
    next = insertField(next, copy, { ...target, index });
    pastedIds.push(copy.id);
    index += 1;
  }
  return { form: next, pastedIds };
}
