import type { FormDocument, ItemDocument } from '@xlgl/schema';

type Fee = ItemDocument['fees'][number];
type FormField = FormDocument['sections'][number]['fields'][number];

/** The top-level fields of a form by id (quantities come from top-level fields, not sub-table cells). */
function fieldsById(form: Pick<FormDocument, 'sections'>): Map<string, FormField> {
  return new Map(form.sections.flatMap((section) => section.fields.map((field) => [field.id, field] as const)));
}

/** Field types a fee quantity may come from. */
export const quantityFieldTypes = ['number', 'money'] as const;

/**
 * Problems with fees that take their quantity from a form field: the item must bind a form, the
 * field must exist in it (at the top level) and be a number or money field.
 */
export function feeQuantityProblems(item: Pick<ItemDocument, 'fees' | 'formId'>, form: Pick<FormDocument, 'id' | 'name' | 'sections'> | undefined): Array<{ path: (string | number)[]; message: string }> {
  const problems: Array<{ path: (string | number)[]; message: string }> = [];
  item.fees.forEach((fee, index) => {
    if (!fee.quantityFieldId) return;
    const path = ['fees', index, 'quantityFieldId'];
    if (!item.formId) {
      problems.push({ path, message: `收费项目“${fee.name}”的数量取自表单字段，但事项没有绑定申请表单` });
      return;
    }
    if (!form) return; // the missing form itself is reported by the reference check
    const field = fieldsById(form).get(fee.quantityFieldId);
    if (!field) {
      problems.push({ path, message: `收费项目“${fee.name}”的数量字段“${fee.quantityFieldId}”不在表单“${form.name}”中（须为表单顶层字段）` });
    } else if (!(quantityFieldTypes as readonly string[]).includes(field.type)) {
      problems.push({ path, message: `收费项目“${fee.name}”的数量字段“${field.label}”是${field.type}类型，只能取数字或金额字段` });
    }
  });
  return problems;
}

/**
 * The quantity of a fee taken from the form values: a number as entered, a money field in yuan
 * (stored in fen). Returns an error message when the value is missing or not positive.
 */
export function quantityFromForm(fee: Fee, form: Pick<FormDocument, 'sections'> | null, values: Record<string, unknown>): { quantity: number } | { error: string } {
  const field = form ? fieldsById(form).get(fee.quantityFieldId!) : undefined;
  const label = field?.label ?? fee.quantityFieldId!;
  const raw = values[fee.quantityFieldId!];
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(number)) return { error: `收费项目“${fee.name}”按${fee.unit}计收，数量取自表单“${label}”，请填写该字段` };
  const quantity = field?.type === 'money' ? number / 100 : number;
  if (quantity <= 0) return { error: `收费项目“${fee.name}”的数量（表单“${label}”）必须大于0` };
  return { quantity };
}
