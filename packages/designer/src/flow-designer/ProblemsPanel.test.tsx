// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProblemsPanel } from './ProblemsPanel.js';
import type { ReviewProblem } from './review.js';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let container: HTMLDivElement;
afterEach(() => container?.remove());

const problem = (index: number, severity: 'error' | 'warning'): ReviewProblem =>
  ({ ruleId: `rule.${index}`, severity, message: `问题${index}`, nodeId: `n${index}` }) as ReviewProblem;

describe('ProblemsPanel', () => {
  it('draws the first 50 findings, errors first, and the rest on request', async () => {
    const problems = Array.from({ length: 120 }, (_, index) => problem(index, index === 110 ? 'error' : 'warning'));
    container = document.createElement('div');
    document.body.appendChild(container);
    const root = createRoot(container);
    await act(async () => root.render(<ProblemsPanel problems={problems} onFocus={() => undefined} pending={false} />));
    const rows = () => [...container.querySelectorAll('[data-testid="problem-item"]')];
    expect(rows()).toHaveLength(50);
    expect(rows()[0]!.textContent).toContain('问题110');
    const more = [...container.querySelectorAll('button')].find((button) => button.textContent!.includes('显示其余70个问题'))!;
    await act(async () => more.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(rows()).toHaveLength(120);
    expect(container.textContent).not.toContain('显示其余');
    act(() => root.unmount());
  });
});
