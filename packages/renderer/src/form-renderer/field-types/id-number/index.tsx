import type { FieldRenderer } from '../../fieldRenderer.js';
import { UpperCaseInput } from '../shared/UpperCaseInput.js';

/** Sex and birth date are filled into the configured fields by the form (see `FormRenderer`). */
export const idNumberRenderer = {
  componentName: 'XlglIdNumber',
  component: UpperCaseInput,
  valueType: 'string',
  props: () => ({ maxLength: 18, placeholder: '18位居民身份证号码' }),
} satisfies FieldRenderer;
