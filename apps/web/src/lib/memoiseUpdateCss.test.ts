// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { memoiseUpdateCss, type UpdateCss } from './memoiseUpdateCss.js';

/** rc-util's behaviour: find the style marked with the key in the container, rewrite or append it. */
function fakeUpdateCss(): { updateCss: UpdateCss; calls: () => number } {
  let calls = 0;
  const updateCss: UpdateCss = (css, key, options = {}) => {
    calls += 1;
    const container = (options.attachTo as Element | undefined) ?? document.head;
    const mark = options.mark ? `data-${options.mark}` : 'rc-util-key';
    let node = [...container.children].find((child) => child.tagName === 'STYLE' && child.getAttribute(mark) === key) as HTMLStyleElement | undefined;
    if (!node) {
      node = document.createElement('style');
      node.setAttribute(mark, key);
      container.appendChild(node);
    }
    if (node.innerHTML !== css) node.innerHTML = css;
    return node;
  };
  return { updateCss, calls: () => calls };
}

describe('memoiseUpdateCss', () => {
  beforeEach(() => {
    document.head.innerHTML = '';
  });

  it('answers a repeated call with the same style element without asking rc-util again', () => {
    const fake = fakeUpdateCss();
    const update = memoiseUpdateCss(fake.updateCss);
    const first = update('.a{color:red}', 'k1', { mark: 'css-hash' });
    const second = update('.a{color:red}', 'k1', { mark: 'css-hash' });
    expect(second).toBe(first);
    expect(fake.calls()).toBe(1);
    expect(document.head.querySelectorAll('style')).toHaveLength(1);
  });

  it('passes new text, other keys and other marks through', () => {
    const fake = fakeUpdateCss();
    const update = memoiseUpdateCss(fake.updateCss);
    const node = update('.a{color:red}', 'k1');
    update('.a{color:blue}', 'k1');
    expect(node.innerHTML).toBe('.a{color:blue}');
    update('.b{}', 'k2');
    update('.a{color:blue}', 'k1', { mark: 'other' });
    expect(fake.calls()).toBe(4);
    expect(document.head.querySelectorAll('style')).toHaveLength(3);
  });

  it('injects again when the element was removed or moved', () => {
    const fake = fakeUpdateCss();
    const update = memoiseUpdateCss(fake.updateCss);
    const node = update('.a{}', 'k1');
    node.remove();
    const again = update('.a{}', 'k1');
    expect(again).not.toBe(node);
    expect(again.isConnected).toBe(true);
    const elsewhere = document.createElement('div');
    document.body.appendChild(elsewhere);
    elsewhere.appendChild(again);
    const third = update('.a{}', 'k1');
    expect(third.parentNode).toBe(document.head);
    expect(fake.calls()).toBe(3);
  });

  it('keeps containers apart and leaves CSP nonces to rc-util', () => {
    const fake = fakeUpdateCss();
    const update = memoiseUpdateCss(fake.updateCss);
    const shadowHost = document.createElement('div');
    document.body.appendChild(shadowHost);
    const inHead = update('.a{}', 'k1');
    const inHost = update('.a{}', 'k1', { attachTo: shadowHost });
    expect(inHost).not.toBe(inHead);
    expect(inHost.parentNode).toBe(shadowHost);
    update('.a{}', 'k1', { attachTo: shadowHost, csp: { nonce: 'n' } });
    update('.a{}', 'k1', { attachTo: shadowHost, csp: { nonce: 'n' } });
    expect(fake.calls()).toBe(4);
  });
});
