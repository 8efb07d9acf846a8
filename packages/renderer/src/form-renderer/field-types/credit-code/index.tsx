import type { FieldRenderer } from '../../fieldRenderer.js';
import { UpperCaseInput } from '../shared/UpperCaseInput.js';

export const creditCodeRenderer = {
  componentName: 'XlglCreditCode',
  component: UpperCaseInput,
  valueType: 'string',
  props: () => ({ maxLength: 18, placeholder: '18位统一社会信用代码' }),
} satisfies FieldRenderer;
