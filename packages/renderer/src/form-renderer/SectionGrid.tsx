import { createContext, memo, useContext, type ComponentType, type ReactNode } from 'react';
import { ArrayField, Field, RecursionField, type ISchema } from '@formily/react';

const gridClass = 'xlgl-section-grid';
// One stylesheet for every section grid: a plain CSS grid (formily's FormGrid measures each child
// in the DOM and re-lays out on every change, which dominated the render time of large forms).
export const gridCss = `.${gridClass}{display:grid;column-gap:16px;grid-template-columns:repeat(var(--xlgl-columns),minmax(0,1fr))}
@media (max-width:575px){.${gridClass}{grid-template-columns:minmax(0,1fr)}.${gridClass}>*{grid-column:auto!important}}`;

/** The field schemas of each section grid of a rendered form, by the grid's `fields` key. */
type GridFields = Map<string, Record<string, ISchema>>;

const GridFieldsContext = createContext<GridFields>(new Map());
export const GridFieldsProvider = GridFieldsContext.Provider;

/**
 * Takes the field properties out of the section grids of a `toFormilySchema` schema: the grids get a
 * `fields` key instead and `SectionGrid` draws those fields itself (`GridField`). The tabs, cards and grids
 * stay schema nodes; a field is drawn without formily's JSON-schema layer, which compiles and patches every
 * field's whole schema into its state on creation (a third of the time to draw a form of 100 fields).
 */
export function splitGridFields(schema: ISchema): { schema: ISchema; grids: GridFields } {
  const grids: GridFields = new Map();
  const visit = (node: ISchema): ISchema => {
    const properties = node.properties as Record<string, ISchema> | undefined;
    if (!properties) return node;
    if (node['x-component'] === 'SectionGrid') {
      const key = `grid_${grids.size}`;
      grids.set(key, properties);
      const { properties: _fields, ...rest } = node;
      return { ...rest, 'x-component-props': { ...(node['x-component-props'] as object), fields: key } };
    }
    return { ...node, properties: Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, visit(child)])) };
  };
  return { schema: visit(schema), grids };
}

type Components = Record<string, unknown>;

/**
 * formily field props from a field's schema node — what the schema layer would set on the field's state:
 * `title`, `description`, `default` → initial value, `enum` → data source, `x-pattern`, `x-validator`,
 * `x-reactions` (functions), decorator and component with their props. Keys left undefined are not set.
 */
export function schemaFieldProps(name: string, schema: ISchema, components: Components): Record<string, unknown> {
  const resolve = (type: unknown) => (typeof type === 'string' ? (components[type] ?? type) : type);
  const props: Record<string, unknown> = { name };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) props[key] = value;
  };
  set('title', schema.title);
  set('description', schema.description);
  set('initialValue', schema.default);
  set('dataSource', schema.enum);
  set('pattern', schema['x-pattern']);
  set('validator', schema['x-validator']);
  set('reactions', schema['x-reactions']);
  if (schema['x-decorator']) props.decorator = [resolve(schema['x-decorator']), schema['x-decorator-props'] ?? {}];
  if (schema['x-component']) props.component = [resolve(schema['x-component']), schema['x-component-props'] ?? {}];
  return props;
}

/** The schema keys `schemaFieldProps` carries over to a field. */
const fieldKeys = new Set(['type', 'title', 'description', 'default', 'enum', 'x-pattern', 'x-validator', 'x-reactions', 'x-decorator', 'x-decorator-props', 'x-component', 'x-component-props']);

/**
 * True when a schema node can be drawn as a plain formily field: a value that is not an object, with no
 * nested schema (sub-tables, containers) and nothing `schemaFieldProps` would leave out.
 */
function isPlainField(schema: ISchema): boolean {
  return schema.type !== 'void' && schema.type !== 'object' && Object.keys(schema).every((key) => fieldKeys.has(key));
}

/** One field of a grid: a formily `Field` (`ArrayField` for array values), or the schema layer for sub-tables. */
const GridField = memo(function GridField(props: { name: string; schema: ISchema; components: Components }) {
  const { name, schema, components } = props;
  if (!isPlainField(schema)) return <RecursionField name={name} schema={schema} />;
  const fieldProps = schemaFieldProps(name, schema, components);
  return schema.type === 'array' ? <ArrayField {...fieldProps} name={name} /> : <Field {...fieldProps} name={name} />;
});

/**
 * The fields of a section in `columns` columns; a field spans `gridColumn: span n` (one column on phones).
 * The grid's stylesheet is written once per form (`FormRenderer`), not once per section.
 */
export function createSectionGrid(components: Components): ComponentType<{ columns?: number; fields?: string; children?: ReactNode }> {
  return function SectionGrid(props) {
    const grids = useContext(GridFieldsContext);
    const fields = props.fields === undefined ? undefined : grids.get(props.fields);
    return (
      <div className={gridClass} style={{ ['--xlgl-columns' as string]: props.columns ?? 1 }}>
        {props.children}
        {fields && Object.entries(fields).map(([name, schema]) => <GridField key={name} name={name} schema={schema} components={components} />)}
      </div>
    );
  };
}
