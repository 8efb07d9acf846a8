import { describe, expect, it } from 'vitest';
import type { FormField } from '@xlgl/schema';
import { fieldChoices } from './fieldChoices.js';
import { sampleForm } from './fixtures.js';

describe('fieldChoices', () => {
  it('offers top-level fields (no sub-table columns) to a top-level field', () => {
    const choices = fieldChoices(sampleForm(), { excludeId: 'f_count' });
    expect(choices.map((choice) => choice.id)).not.toContain('f_count');
    expect(choices.map((choice) => choice.id)).not.toContain('f_staff_name');
  });

  it('offers a sub-table column its row’s other columns first, then top-level fields except sub-tables', () => {
    const form = sampleForm();
    const staff = form.sections.flatMap((section) => section.fields).find((field) => field.id === 'f_staff')!;
    const row: FormField = {
      ...staff,
      fields: [...staff.fields!, { id: 'f_staff_years', type: 'number', label: '从业年限', required: false, span: 12, settings: {} }],
    };
    const choices = fieldChoices(form, { excludeId: 'f_staff_years', row });
    expect(choices[0]).toMatchObject({ id: 'f_staff_name', sectionTitle: '从业人员（本行）' });
    expect(choices.map((choice) => choice.id)).toContain('f_count');
    expect(choices.map((choice) => choice.id)).not.toContain('f_staff');
    expect(choices.map((choice) => choice.id)).not.toContain('f_staff_years');
  });
});
