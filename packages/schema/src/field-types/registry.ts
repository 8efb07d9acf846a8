import type { FieldTypeDefinition } from './definition.js';
import type { FieldType } from './fieldTypes.js';
import { textField } from './text/index.js';
import { textareaField } from './textarea/index.js';
import { numberField } from './number/index.js';
import { moneyField } from './money/index.js';
import { dateField } from './date/index.js';
import { datetimeField } from './datetime/index.js';
import { dateRangeField } from './date-range/index.js';
import { selectField } from './select/index.js';
import { multiSelectField } from './multi-select/index.js';
import { switchField } from './switch/index.js';
import { idNumberField } from './id-number/index.js';
import { creditCodeField } from './credit-code/index.js';
import { mobileField } from './mobile/index.js';
import { emailField } from './email/index.js';
import { regionField } from './region/index.js';
import { addressField } from './address/index.js';
import { materialField } from './material/index.js';
import { subTableField } from './sub-table/index.js';
import { personLookupField } from './person-lookup/index.js';
import { enterpriseLookupField } from './enterprise-lookup/index.js';
import { signatureField } from './signature/index.js';

/**
 * The server-safe field-type registry: one declaration per type. `satisfies` makes a missing type
 * a compile error; the React registry in `@xlgl/renderer` is checked against these keys.
 */
export const fieldTypeRegistry = {
  text: textField,
  textarea: textareaField,
  number: numberField,
  money: moneyField,
  date: dateField,
  datetime: datetimeField,
  'date-range': dateRangeField,
  select: selectField,
  'multi-select': multiSelectField,
  switch: switchField,
  'id-number': idNumberField,
  'credit-code': creditCodeField,
  mobile: mobileField,
  email: emailField,
  region: regionField,
  address: addressField,
  material: materialField,
  'sub-table': subTableField,
  'person-lookup': personLookupField,
  'enterprise-lookup': enterpriseLookupField,
  signature: signatureField,
} satisfies Record<FieldType, FieldTypeDefinition<any>>;

/** The declaration of a type, widened for generic code. */
export function fieldTypeDefinition(type: FieldType): FieldTypeDefinition {
  return fieldTypeRegistry[type] as unknown as FieldTypeDefinition;
}
