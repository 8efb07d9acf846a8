// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import { formDocument, type FieldType } from '@xlgl/schema';
import { FormRenderer, type FormRendererApi, type FormRendererProps } from './FormRenderer.js';
import { domMounter, installDomPolyfills } from './testing.js';

const types: FieldType[] = ['text', 'textarea', 'date', 'datetime', 'select', 'number', 'money', 'switch'];
const form = formDocument.parse({
  kind: 'form',
  id: 'form-deferred-widgets',
  version: 1,
  schemaVersion: 1,
  rules: [],
  name: '延后控件',
  departmentId: 'test',
  sections: [
    {
      id: 's1',
      title: '第一部分',
      columns: 2,
      fields: types.map((type) => ({
        id: `f_${type}`,
        type,
        label: `字段${type}`,
        required: type === 'select',
        span: 12,
        settings:
          type === 'select' ? { options: [{ value: '1', label: '选项一' }], display: 'select' } : type === 'number' ? { unit: '人' } : {},
      })),
    },
  ],
});

const dom = domMounter();
let container: HTMLElement;

beforeAll(() => installDomPolyfills());
afterEach(() => dom.cleanup());

async function render(props: Partial<FormRendererProps> = {}): Promise<FormRendererApi> {
  let api: FormRendererApi | undefined;
  container = await dom.mount(<FormRenderer form={form} {...props} onReady={(ready) => (api = ready)} />);
  return api!;
}

/** The next animation frame and the task after it (when the deferred widgets are mounted). */
const afterPaint = () =>
  act(async () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(() => setTimeout(resolve, 0), 0))));

const standIns = () => [...container.querySelectorAll<HTMLElement>('[data-stand-in]')].map((element) => element.dataset.standIn);

describe('deferred widgets', () => {
  it('paints empty pickers, drop-downs, number inputs, text areas and switches as stand-ins with the widgets’ classes, then mounts the widgets', async () => {
    await render({ deferWidgets: true });
    expect(standIns()).toEqual(['textarea', 'picker', 'picker', 'select', 'number', 'number', 'switch']);
    const textarea = container.querySelector<HTMLTextAreaElement>('[data-stand-in="textarea"] textarea')!;
    expect([textarea.getAttribute('rows'), textarea.getAttribute('maxlength'), textarea.readOnly]).toEqual(['4', '2000', true]);
    expect(container.querySelector('[data-stand-in="textarea"] .ant-input-data-count')?.textContent).toBe('0 / 2000');
    expect(container.querySelector('button[data-stand-in="switch"]')?.getAttribute('aria-checked')).toBe('false');
    expect(container.querySelector('[data-stand-in="select"] .ant-select-selection-placeholder')?.textContent).toBe('请选择');
    expect(container.querySelector('[data-stand-in="picker"] input')?.getAttribute('placeholder')).toBe('请选择日期');
    expect([...container.querySelectorAll('.ant-input-number-group-addon')].map((addon) => addon.textContent)).toEqual(['人', '元']);
    // labels and the plain inputs are there from the start
    expect(container.querySelectorAll('.ant-formily-item-label').length).toBe(types.length);
    expect(container.querySelector('.ant-input-number-handler-wrap')).toBeNull();
    await afterPaint();
    expect(standIns()).toEqual([]);
    expect(container.querySelectorAll('.ant-picker').length).toBe(2);
    expect(container.querySelectorAll('.ant-input-number-handler-wrap').length).toBe(2);
    expect(container.querySelector('.ant-select .ant-select-selector')).not.toBeNull();
    expect(container.querySelector<HTMLTextAreaElement>('.ant-input-textarea-show-count textarea')?.readOnly).toBe(false);
    expect(container.querySelectorAll('button.ant-switch').length).toBe(1);
  });

  it('hands the focus of a stand-in to the real widget, which takes the input', async () => {
    const api = await render({ deferWidgets: true });
    const standIn = container.querySelector<HTMLInputElement>('[data-stand-in="number"] input')!;
    await act(async () => standIn.focus());
    expect(standIns()).toEqual([]);
    const focused = document.activeElement as HTMLInputElement;
    expect(focused.classList.contains('ant-input-number-input')).toBe(true);
    expect(focused.readOnly).toBe(false);
    expect(container.contains(focused)).toBe(true);
    await act(async () => api.form.setValuesIn('f_money', 1250));
    expect(api.form.values.f_money).toBe(1250);
  });

  it('draws the real widget at once for a field with a value, in a read-only form and without the option', async () => {
    await render({ deferWidgets: true, initialValues: { f_date: '2026-03-01', f_number: 3 } });
    expect(standIns()).toEqual(['textarea', 'picker', 'select', 'number', 'switch']);
    expect((container.querySelector('.ant-picker:not([data-stand-in]) input') as HTMLInputElement).value).toBe('2026-03-01');
    dom.cleanup();
    await render({ deferWidgets: true, readOnly: true });
    expect(standIns()).toEqual([]);
    dom.cleanup();
    await render();
    expect(standIns()).toEqual([]);
    expect(container.querySelectorAll('.ant-input-number-handler-wrap').length).toBe(2);
  });

  it('validates a field drawn as a stand-in like the real one (Chinese message)', async () => {
    const api = await render({ deferWidgets: true });
    const error = await act(async () => api.submit().catch((caught: unknown) => caught));
    expect((error as { issues: Array<{ path: string; message: string }> }).issues).toEqual([
      { path: 'f_select', message: '请选择“字段select”' },
    ]);
  });
});
