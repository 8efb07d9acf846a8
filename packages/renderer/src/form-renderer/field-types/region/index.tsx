import type { FieldRenderer } from '../../fieldRenderer.js';
import { RegionCascader } from './RegionCascader.js';

export const regionRenderer = {
  componentName: 'XlglRegion',
  component: RegionCascader,
  valueType: 'string',
  props: (field) => ({ rootCode: field.settings.rootCode, maxLevel: field.settings.maxLevel }),
} satisfies FieldRenderer;
