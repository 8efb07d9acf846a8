import type { FieldType } from '@xlgl/schema';
import type { FieldRenderer } from './fieldRenderer.js';
import { textRenderer } from './field-types/text/index.js';
import { textareaRenderer } from './field-types/textarea/index.js';
import { numberRenderer } from './field-types/number/index.js';
import { moneyRenderer } from './field-types/money/index.js';
import { dateRenderer } from './field-types/date/index.js';
import { datetimeRenderer } from './field-types/datetime/index.js';
import { dateRangeRenderer } from './field-types/date-range/index.js';
import { selectRenderer } from './field-types/select/index.js';
import { multiSelectRenderer } from './field-types/multi-select/index.js';
import { switchRenderer } from './field-types/switch/index.js';
import { idNumberRenderer } from './field-types/id-number/index.js';
import { creditCodeRenderer } from './field-types/credit-code/index.js';
import { mobileRenderer } from './field-types/mobile/index.js';
import { emailRenderer } from './field-types/email/index.js';
import { regionRenderer } from './field-types/region/index.js';
import { addressRenderer } from './field-types/address/index.js';
import { materialRenderer } from './field-types/material/index.js';
import { subTableRenderer } from './field-types/sub-table/index.js';
import { personLookupRenderer } from './field-types/person-lookup/index.js';
import { enterpriseLookupRenderer } from './field-types/enterprise-lookup/index.js';
import { signatureRenderer } from './field-types/signature/index.js';

/**
 * The React field-type registry: one renderer per field type of `fieldTypeRegistry` in
 * `@xlgl/schema`. `satisfies` makes a missing renderer a compile error; a test checks the keys.
 */
export const fieldRenderers = {
  text: textRenderer,
  textarea: textareaRenderer,
  number: numberRenderer,
  money: moneyRenderer,
  date: dateRenderer,
  datetime: datetimeRenderer,
  'date-range': dateRangeRenderer,
  select: selectRenderer,
  'multi-select': multiSelectRenderer,
  switch: switchRenderer,
  'id-number': idNumberRenderer,
  'credit-code': creditCodeRenderer,
  mobile: mobileRenderer,
  email: emailRenderer,
  region: regionRenderer,
  address: addressRenderer,
  material: materialRenderer,
  'sub-table': subTableRenderer,
  'person-lookup': personLookupRenderer,
  'enterprise-lookup': enterpriseLookupRenderer,
  signature: signatureRenderer,
} satisfies Record<FieldType, FieldRenderer>;

/** The renderer of a type, widened for generic code. */
export function fieldRenderer(type: FieldType): FieldRenderer {
  return fieldRenderers[type] as FieldRenderer;
}
