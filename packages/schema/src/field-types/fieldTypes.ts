/** Every field type, in palette order. Each has one folder under `field-types/<type>/`. */
export const fieldTypes = [
  'text',
  'textarea',
  'number',
  'money',
  'date',
  'datetime',
  'date-range',
  'select',
  'multi-select',
  'switch',
  'id-number',
  'credit-code',
  'mobile',
  'email',
  'region',
  'address',
  'material',
  'sub-table',
  'person-lookup',
  'enterprise-lookup',
  'signature',
] as const;
export type FieldType = (typeof fieldTypes)[number];

/** True when `value` names a field type. */
export function isFieldType(value: unknown): value is FieldType {
  return typeof value === 'string' && (fieldTypes as readonly string[]).includes(value);
}
