import { useEffect, useMemo, type ReactNode } from 'react';
import { Card } from 'antd';
import { createForm, setValidateLanguage, type Form } from '@formily/core';
import { FormProvider, createSchemaField } from '@formily/react';
import { ArrayTable, FormButtonGroup, FormItem, FormLayout, FormTab, Submit } from '@formily/antd-v5';
import type { FormDocument, FormView } from '@xlgl/schema';
import { fieldRenderers } from './fieldRenderers.js';
import type { FieldRenderer } from './fieldRenderer.js';
import { RendererServicesProvider, type RendererServices } from './RendererContext.js';
import { toFormilySchema } from './toFormilySchema.js';
import { submitRecord, SubmitError, type SubmitIssue } from './submitRecord.js';
import { createSectionGrid, GridFieldsProvider, gridCss, splitGridFields } from './SectionGrid.js';
import { deferrable, DeferredWidgetsProvider } from './DeferredWidgets.js';

setValidateLanguage('zh-CN');

function SectionCard(props: { title?: string; sectionId?: string; children?: ReactNode }) {
  return (
    <Card size="small" title={props.title} data-section={props.sectionId} style={{ marginBottom: 16 }}>
      {props.children}
    </Card>
  );
}

const components: Record<string, unknown> = { FormItem, FormTab, ArrayTable, SectionCard };
for (const renderer of Object.values(fieldRenderers) as FieldRenderer[])
  components[renderer.componentName] = renderer.standIn ? deferrable(renderer.component, renderer.standIn) : renderer.component;
components.SectionGrid = createSectionGrid(components);
const SchemaField = createSchemaField({ components: components as never });

/** What a host can do with a rendered form. */
export type FormRendererApi = {
  /** The formily form (values, field states). */
  form: Form;
  /** Validates like the server and returns the clean record; throws `SubmitError`. */
  submit: (options?: { draft?: boolean }) => Promise<Record<string, unknown>>;
};

export type FormRendererProps = RendererServices & {
  form: FormDocument;
  /** The screen's view (flow node permissions, 一表制 department view); default: everything editable. */
  view?: FormView;
  initialValues?: Record<string, unknown>;
  /** Show everything read-only (case detail, approval history). */
  readOnly?: boolean;
  /** Shows a submit button; receives the clean record. */
  onSubmit?: (record: Record<string, unknown>) => void | Promise<void>;
  onSubmitFailed?: (issues: SubmitIssue[]) => void;
  submitText?: string;
  onReady?: (api: FormRendererApi) => void;
  layout?: 'vertical' | 'horizontal';
  /**
   * Paint the form first with light stand-ins for its empty pickers, drop-downs and number inputs, and
   * mount those widgets right after that paint (or at once when one is hovered, pressed or focused).
   * For a large form that appears on a click (受理登记).
   */
  deferWidgets?: boolean;
};

/**
 * Renders a form document with formily and antd: sections, grid columns and tabs; per-field
 * permissions; visibility/enable rules and computed values from typed expressions; the same zod
 * value schemas as the server; ID numbers filling sex and birth date; region cascader; sub-tables
 * as ArrayTable; material upload slots.
 */
export function FormRenderer(props: FormRendererProps) {
  const { form: doc, view, readOnly, regionTree, dictionaries, onUpload, fileUrl, lookups } = props;
  const formily = useMemo(
    () => createForm({ initialValues: props.initialValues, readPretty: readOnly }),
    // a new document or view is a new form; initial values are read once
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, view, readOnly],
  );
  const services = useMemo<RendererServices>(
    () => ({ regionTree, dictionaries, onUpload, fileUrl, lookups }),
    [regionTree, dictionaries, onUpload, fileUrl, lookups],
  );
  const layout = useMemo(() => splitGridFields(toFormilySchema(doc, { view, services, readOnly })), [doc, view, services, readOnly]);
  const api = useMemo<FormRendererApi>(
    () => ({ form: formily, submit: (options) => submitRecord(formily, doc, { view, dictionaries, draft: options?.draft }) }),
    [formily, doc, view, dictionaries],
  );
  useEffect(() => {
    props.onReady?.(api);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  return (
    <RendererServicesProvider value={services}>
      <DeferredWidgetsProvider enabled={Boolean(props.deferWidgets) && !readOnly}>
        <FormProvider form={formily}>
          <FormLayout layout={props.layout ?? 'vertical'}>
            <style>{gridCss}</style>
            <GridFieldsProvider value={layout.grids}>
              <SchemaField schema={layout.schema} />
            </GridFieldsProvider>
            {props.onSubmit && !readOnly && (
              <FormButtonGroup>
                <Submit
                  onSubmit={async () => {
                    const record = await api.submit();
                    await props.onSubmit?.(record);
                  }}
                  onSubmitFailed={(errors: unknown) => props.onSubmitFailed?.(errors instanceof SubmitError ? errors.issues : [])}
                >
                  {props.submitText ?? '提交'}
                </Submit>
              </FormButtonGroup>
            )}
          </FormLayout>
        </FormProvider>
      </DeferredWidgetsProvider>
    </RendererServicesProvider>
  );
}
