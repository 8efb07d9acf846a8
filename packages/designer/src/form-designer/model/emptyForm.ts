import { newId, type FormDocument } from '@xlgl/schema';

/** A new, valid form: one two-column section, no fields yet. The id is generated unless given. */
export function emptyForm(options: { id?: string; name?: string } = {}): FormDocument {
  return {
    kind: 'form',
    id: options.id ?? newId('form', 10),
    version: 1,
    schemaVersion: 1,
    name: options.name ?? '新表单',
    sections: [{ id: newId('s', 8), title: '基本信息', columns: 2, fields: [] }],
    rules: [],
  };
}
