export { FormDesigner } from './FormDesigner.js';
export type {
  FormDesignerProps,
  FormDesignerContext,
  PlannedChange,
  FormIssue,
  RegionTreeNode,
  DepartmentOption,
  MaterialOption,
} from './types.js';
export { validateForm } from './model/validateForm.js';
export { createField } from './model/newField.js';
export { emptyForm } from './model/emptyForm.js';
