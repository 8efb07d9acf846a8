// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fieldTypes, formDocument, type FormDocument } from '@xlgl/schema';
import { FormDesigner } from './FormDesigner.js';
import { sampleForm } from './model/fixtures.js';
import type { FormDesignerProps } from './types.js';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // antd reads matchMedia (responsive grid, Segmented)
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
});

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  document.body.innerHTML = '';
});

/** Mounts the designer as a host would: state owned outside, updated from `onChange`. */
function mount(props: Partial<FormDesignerProps> = {}) {
  const changes: FormDocument[] = [];
  let value = props.value ?? sampleForm();
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  const render = () =>
    root!.render(
      createElement(FormDesigner, {
        context: { dictionaries: [], departments: [{ id: 'org-scjgj', name: '市场监督管理局' }], regionTree: [] },
        ...props,
        value,
        onChange: (next: FormDocument) => {
          changes.push(next);
          value = next;
          render();
        },
      }),
    );
  act(render);
  return { changes, host: host! };
}

const click = (element: Element | null) => act(() => (element as HTMLElement).click());

describe('FormDesigner (DOM)', () => {
  it('offers every field type of the registry in the palette', () => {
    const { host } = mount();
    const items = [...host.querySelectorAll('[data-field-type]')].map((element) => element.getAttribute('data-field-type'));
    expect(items.sort()).toEqual([...fieldTypes].sort());
    expect(host.querySelector('[data-field-type="id-number"]')?.textContent).toContain('身份证号码');
  });

  it('clicking a palette entry adds a valid field with a generated id; undo takes it back', () => {
    const { host, changes } = mount();
    click(host.querySelector('[data-field-type="credit-code"]'));
    expect(changes).toHaveLength(1);
    const added = changes[0].sections[1].fields.at(-1)!;
    expect(added.type).toBe('credit-code');
    expect(added.id).toMatch(/^f_[0-9a-z]{8}$/);
    expect(formDocument.safeParse(changes[0]).success).toBe(true);
    // the new field is selected and its settings are shown
    expect(host.querySelector('[data-testid="field-settings"]')?.textContent).toContain('统一社会信用代码');
    click(host.querySelector('[data-testid="undo"]'));
    expect(changes.at(-1)).toEqual(sampleForm());
  });

  it('Delete on a selected field asks first and lists what depends on it', async () => {
    const { host, changes } = mount({
      context: { dictionaries: [], departments: [], regionTree: [], dependents: { f_price: ['报表“收费统计”的“单价”列'] } },
    });
    click(host.querySelector('[data-testid="field-f_price"]'));
    await act(async () => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    const dialog = document.querySelector('[data-testid="delete-confirm"]');
    expect(dialog?.textContent).toContain('报表“收费统计”的“单价”列');
    expect(dialog?.textContent).toContain('字段“总价”的计算公式');
    expect(changes).toHaveLength(0);
  });

  it('a new document from the host starts a fresh history', () => {
    const onChange = vi.fn();
    host = document.createElement('div');
    root = createRoot(host);
    const context = { dictionaries: [], departments: [], regionTree: [] };
    act(() => root!.render(createElement(FormDesigner, { value: sampleForm(), onChange, context })));
    click(host.querySelector('[data-field-type="text"]'));
    const other = { ...sampleForm(), id: 'form-other', name: '另一张表单' };
    act(() => root!.render(createElement(FormDesigner, { value: other, onChange, context })));
    expect(host.querySelector('.xfd-form-title')?.textContent).toBe('另一张表单');
    expect((host.querySelector('[data-testid="undo"]') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the planned database change with its risk', async () => {
    const { host } = mount({ plannedChanges: [{ summary: '增加列“备注”' }, { summary: '“数量”改为文本', risk: '3条记录无法转换' }] });
    click(host.querySelector('[data-testid="planned-changes-button"]'));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
    const panel = document.querySelector('[data-testid="planned-changes"]');
    expect(panel?.textContent).toContain('3条记录无法转换');
    expect(panel?.textContent).toContain('有 1 项变更存在风险');
  });

  it('keyboard: Alt+↓ moves the selected field, Ctrl+C / Ctrl+V pastes a copy with a new id', async () => {
    const { host, changes } = mount();
    click(host.querySelector('[data-testid="field-f_name"]'));
    const press = (init: KeyboardEventInit) =>
      act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init })));
    press({ key: 'ArrowDown', altKey: true });
    expect(changes.at(-1)!.sections[0].fields.map((field) => field.id)).toEqual(['f_id', 'f_name', 'f_sex', 'f_count']);
    press({ key: 'c', ctrlKey: true });
    press({ key: 'v', ctrlKey: true });
    const ids = changes.at(-1)!.sections[0].fields.map((field) => field.id);
    expect(ids).toHaveLength(5);
    expect(ids[2]).toMatch(/^f_[0-9a-z]{8}$/);
    expect(changes.at(-1)!.sections[0].fields[2].label).toBe('姓名（副本）');
    // typing in an input is left alone
    const input = host.querySelector('[data-testid="field-label"]') as HTMLInputElement;
    const before = changes.length;
    act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true })));
    expect(changes.length).toBe(before);
  });

  it('HTML5 drag and drop: palette entries and fields dropped on a field land next to it', () => {
    const { host, changes } = mount();
    const transfer = new DataTransfer();
    const fire = (element: Element, type: string) => {
      const event = new DragEvent(type, { bubbles: true, cancelable: true });
      // happy-dom does not carry `dataTransfer` from the init dictionary
      Object.defineProperty(event, 'dataTransfer', { value: transfer });
      act(() => void element.dispatchEvent(event));
    };
    const source = host.querySelector('[data-field-type="email"]')!;
    const target = host.querySelector('[data-testid="field-f_sex"]')!;
    fire(source, 'dragstart');
    fire(target, 'dragover');
    fire(target, 'drop');
    fire(source, 'dragend');
    // happy-dom has no layout: every rectangle is empty, so the pointer counts as in the "after" half
    const fields = changes.at(-1)!.sections[0].fields;
    expect(fields.map((field) => field.type)).toEqual(['text', 'id-number', 'select', 'email', 'number']);
    // a field from another section
    fire(host.querySelector('[data-testid="field-f_price"]')!, 'dragstart');
    fire(host.querySelector('[data-testid="field-f_name"]')!, 'dragover');
    fire(host.querySelector('[data-testid="field-f_name"]')!, 'drop');
    const form = changes.at(-1)!;
    expect(form.sections[0].fields.map((field) => field.id).slice(0, 2)).toEqual(['f_name', 'f_price']);
    expect(form.sections[1].fields.some((field) => field.id === 'f_price')).toBe(false);
    // foreign drags (files, text from elsewhere) are ignored
    const foreign = new DragEvent('drop', { bubbles: true, cancelable: true });
    const files = new DataTransfer();
    files.setData('text/plain', 'x');
    Object.defineProperty(foreign, 'dataTransfer', { value: files });
    const before = changes.length;
    act(() => void host.querySelector('[data-testid="field-f_id"]')!.dispatchEvent(foreign));
    expect(changes.length).toBe(before);
  });
});
