// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '@xlgl/schema';
import { FlowDesigner } from './FlowDesigner.js';
import { sampleContext, sampleFlow } from './fixtures.js';
import { paletteEntries } from './node-types/registry.js';
import { removeElements } from './documentOps.js';

beforeAll(() => {
  // antd reads matchMedia for responsive behaviour; happy-dom lacks it.
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
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let container: HTMLDivElement;
afterEach(() => container?.remove());

async function mount(flow: FlowDocument, onChange: (flow: FlowDocument) => void = () => undefined) {
  container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(<FlowDesigner value={flow} onChange={onChange} context={sampleContext} height={800} />));
  // Let the debounced review run.
  await act(async () => new Promise((resolve) => setTimeout(resolve, 400)));
  return root;
}

describe('FlowDesigner', () => {
  it('renders a palette entry per preset and a sound flow without problems', async () => {
    const root = await mount(sampleFlow);
    expect(container.querySelectorAll('[data-palette-key]')).toHaveLength(paletteEntries.length);
    expect(container.querySelector('[data-testid="problem-counts"]')!.textContent).toContain('错误 0');
    expect(container.querySelectorAll('[data-testid="problem-item"]')).toHaveLength(0);
    act(() => root.unmount());
  });

  it("lists the engine's problems and marks the node", async () => {
    // Dropping the edge into the join leaves 公安审查 a dead end.
    const broken = removeElements(sampleFlow, [], ['e-c-join']);
    const root = await mount(broken);
    const items = [...container.querySelectorAll('[data-testid="problem-item"]')];
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((item) => item.textContent!.includes('公安审查'))).toBe(true);
    expect(container.querySelector('[data-testid="problem-counts"]')!.textContent).not.toContain('错误 0');
    act(() => root.unmount());
  });

  it('adds a node by double-clicking a palette entry and emits a valid document', async () => {
    const emitted: FlowDocument[] = [];
    const root = await mount(sampleFlow, (flow) => emitted.push(flow));
    const entry = container.querySelector('[data-palette-key="task-review"]')!;
    await act(async () => entry.dispatchEvent(new MouseEvent('dblclick', { bubbles: true })));
    expect(emitted).toHaveLength(1);
    const added = emitted[0].nodes.find((node) => !sampleFlow.nodes.includes(node))!;
    expect(added).toMatchObject({ type: 'task', label: '审核', settings: { stage: 'review' } });
    expect(added.id).toMatch(/^nd_/);
    act(() => root.unmount());
  });
});
