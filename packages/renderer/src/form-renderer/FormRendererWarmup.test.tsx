// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import { FormRendererWarmup } from './FormRendererWarmup.js';
import { domMounter, installDomPolyfills } from './testing.js';

const dom = domMounter();

beforeAll(() => installDomPolyfills());
afterEach(() => dom.cleanup());

describe('FormRendererWarmup', () => {
  it('mounts a hidden, inert form of the common field types once the browser is idle, with the host’s extra components', async () => {
    const container = await dom.mount(
      <FormRendererWarmup>
        <span data-testid="host-extra">额外</span>
      </FormRendererWarmup>,
    );
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
