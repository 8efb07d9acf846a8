// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { FormRendererWarmup } from './FormRendererWarmup.js';
import { installDomPolyfills } from './testing.js';

let root: Root | undefined;
let container: HTMLElement;

beforeAll(() => installDomPolyfills());
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  container?.remove();
});

describe('FormRendererWarmup', () => {
  it('mounts a hidden, inert form of the common field types once the browser is idle, with the host’s extra components', async () => {
    container = document.createElement('div');
    document.body.appendChild(container);
    await act(async () => {
      root = createRoot(container);
      root.render(
        <FormRendererWarmup>
          <span data-testid="host-extra">额外</span>
        </FormRendererWarmup>,
      );
    });
    // nothing before the browser is idle
    expect(container.querySelector('[data-testid="form-renderer-warmup"]')).toBeNull();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 2_100)));
    const warm = container.querySelector<HTMLElement>('[data-testid="form-renderer-warmup"]');
    expect(warm).not.toBeNull();
    expect(warm!.style.display).toBe('none');
    expect(warm!.getAttribute('aria-hidden')).toBe('true');
    expect(warm!.hasAttribute('inert')).toBe(true);
    expect(warm!.querySelectorAll('.ant-formily-item').length).toBe(12);
    expect(warm!.querySelector('input')).not.toBeNull();
    expect(warm!.querySelector('[data-testid="host-extra"]')?.textContent).toBe('额外');
  });
});
