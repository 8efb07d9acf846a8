import type { ComponentType } from 'react';
import type { ISchema } from '@formily/react';
import type { FormField } from '@xlgl/schema';
import type { RendererServices } from './RendererContext.js';
import type { StandIn } from './DeferredWidgets.js';

/** What building a field's formily schema may use. */
export type SchemaBuildContext = {
  services: RendererServices;
  /** Builds the schema of a child field (sub-table columns). */
  childSchema: (field: FormField) => ISchema;
};

/**
 * The React side of a field type: the formily component (registered under `componentName`) and
 * how the field's settings become component props. `schema` overrides the generated schema
 * (sub-table: ArrayTable columns).
 */
export type FieldRenderer = {
  componentName: string;
  component: ComponentType<any>;
  props?: (field: FormField, context: SchemaBuildContext) => Record<string, unknown>;
  /** Extra schema properties (e.g. `enum` for choices, `items` for sub-tables). */
  schema?: (field: FormField, context: SchemaBuildContext) => Partial<ISchema>;
  /**
   * A light stand-in for the first paint of a form that defers its heavy widgets (pickers, drop-downs,
   * number inputs); see `deferrable`.
   */
  standIn?: StandIn;
  /** formily value type. */
  valueType: 'string' | 'number' | 'boolean' | 'object' | 'array';
};
