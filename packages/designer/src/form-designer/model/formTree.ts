import type { FormDocument, FormField, FormSection } from '@xlgl/schema';

/**
 * Where a field sits: a section's field list, or the column list of a sub-table field
 * (`parentFieldId`) inside that section. Sub-tables nest one level only.
 */
export type FieldContainer = { sectionId: string; parentFieldId?: string };

/** A position to insert at; `index` counts in the container's list before the insert. */
export type FieldTarget = FieldContainer & { index: number };

/** A field found in a form, with its container and index. */
export type FieldLocation = FieldTarget & { field: FormField };

/** True when two containers are the same list. */
export function sameContainer(a: FieldContainer, b: FieldContainer): boolean {
  return a.sectionId === b.sectionId && (a.parentFieldId ?? '') === (b.parentFieldId ?? '');
}

/** Finds a field (top-level or a sub-table column) by id. */
export function locateField(form: FormDocument, fieldId: string): FieldLocation | undefined {
  for (const section of form.sections) {
    for (const [index, field] of section.fields.entries()) {
      if (field.id === fieldId) return { sectionId: section.id, index, field };
      for (const [childIndex, child] of (field.fields ?? []).entries()) {
        if (child.id === fieldId) return { sectionId: section.id, parentFieldId: field.id, index: childIndex, field: child };
      }
    }
  }
  return undefined;
}

/** Every field of the form, sub-table columns after their table, removed ones included. */
export function allFields(form: FormDocument): FormField[] {
  return form.sections.flatMap((section) => section.fields.flatMap((field) => [field, ...(field.fields ?? [])]));
}

/** Every id used by a section, field, sub-table column or rule (ids share one namespace). */
export function usedIds(form: FormDocument): Set<string> {
  const ids = new Set<string>();
  for (const section of form.sections) ids.add(section.id);
  for (const field of allFields(form)) ids.add(field.id);
  for (const rule of form.rules ?? []) ids.add(rule.id);
  return ids;
}

function containerFields(form: FormDocument, container: FieldContainer): FormField[] | undefined {
  const section = form.sections.find((entry) => entry.id === container.sectionId);
  if (!section) return undefined;
  if (!container.parentFieldId) return section.fields;
  return section.fields.find((field) => field.id === container.parentFieldId)?.fields;
}

function withContainerFields(form: FormDocument, container: FieldContainer, update: (fields: FormField[]) => FormField[]): FormDocument {
  return {
    ...form,
    sections: form.sections.map((section) => {
      if (section.id !== container.sectionId) return section;
      if (!container.parentFieldId) return { ...section, fields: update(section.fields) };
      return {
        ...section,
        fields: section.fields.map((field) =>
          field.id === container.parentFieldId ? { ...field, fields: update(field.fields ?? []) } : field,
        ),
      };
    }),
  };
}

/** Why a field cannot go into a container, or `undefined` when it can. */
export function insertProblem(form: FormDocument, field: FormField, container: FieldContainer): string | undefined {
  const fields = containerFields(form, container);
  if (!fields) return '目标分组不存在';
  if (container.parentFieldId) {
    if (field.type === 'sub-table') return '子表中不能再放子表';
    if (field.id === container.parentFieldId) return '子表不能放进自身';
  }
  return undefined;
}

/** Inserts a field at a position (clamped to the list). Throws when the target cannot take it. */
export function insertField(form: FormDocument, field: FormField, target: FieldTarget): FormDocument {
  const problem = insertProblem(form, field, target);
  if (problem) throw new Error(problem);
  return withContainerFields(form, target, (fields) => {
    const index = Math.max(0, Math.min(target.index, fields.length));
    return [...fields.slice(0, index), field, ...fields.slice(index)];
  });
}

/** Removes a field (and a sub-table's columns with it); unchanged when the id is unknown. */
export function removeField(form: FormDocument, fieldId: string): FormDocument {
  const location = locateField(form, fieldId);
  if (!location) return form;
  return withContainerFields(form, location, (fields) => fields.filter((field) => field.id !== fieldId));
}

/**
 * Moves a field to a target position. `target.index` is read in the list as it is before the
 * move (what a drop indicator shows), so dropping a field right before or after itself is a no-op.
 */
export function moveField(form: FormDocument, fieldId: string, target: FieldTarget): FormDocument {
  const location = locateField(form, fieldId);
  if (!location) return form;
  if (insertProblem(form, location.field, target)) return form;
  let index = target.index;
  if (sameContainer(location, target)) {
    if (index === location.index || index === location.index + 1) return form;
    if (index > location.index) index -= 1;
  }
  return insertField(removeField(form, fieldId), location.field, { ...target, index });
}

/** Replaces a field by id with `update(field)`. */
export function updateField(form: FormDocument, fieldId: string, update: (field: FormField) => FormField): FormDocument {
  const location = locateField(form, fieldId);
  if (!location) return form;
  return withContainerFields(form, location, (fields) => fields.map((field) => (field.id === fieldId ? update(field) : field)));
}

/** Replaces a section by id with `update(section)`. */
export function updateSection(form: FormDocument, sectionId: string, update: (section: FormSection) => FormSection): FormDocument {
  return { ...form, sections: form.sections.map((section) => (section.id === sectionId ? update(section) : section)) };
}

/** Inserts a section at an index (end by default). */
export function insertSection(form: FormDocument, section: FormSection, index = form.sections.length): FormDocument {
  const at = Math.max(0, Math.min(index, form.sections.length));
  return { ...form, sections: [...form.sections.slice(0, at), section, ...form.sections.slice(at)] };
}

/** Removes a section with its fields; the last section cannot go (a form needs one). */
export function removeSection(form: FormDocument, sectionId: string): FormDocument {
  if (form.sections.length <= 1) throw new Error('表单至少要有一个分组，不能删除最后一个分组');
  return { ...form, sections: form.sections.filter((section) => section.id !== sectionId) };
}

/** Moves a section to an index read before the move (like `moveField`). */
export function moveSection(form: FormDocument, sectionId: string, index: number): FormDocument {
  const from = form.sections.findIndex((section) => section.id === sectionId);
  if (from < 0 || index === from || index === from + 1) return form;
  const section = form.sections[from];
  const rest = form.sections.filter((entry) => entry.id !== sectionId);
  return insertSection({ ...form, sections: rest }, section, index > from ? index - 1 : index);
}
