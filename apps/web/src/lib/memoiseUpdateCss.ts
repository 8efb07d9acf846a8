/** The options rc-util's `updateCSS` takes (only those the memo looks at are typed). */
export type UpdateCssOptions = { mark?: string; attachTo?: Element | ShadowRoot; csp?: { nonce?: string } } & Record<string, unknown>;
export type UpdateCss = (css: string, key: string, options?: UpdateCssOptions) => HTMLStyleElement;

/**
 * Wraps rc-util's `updateCSS(css, key, options)`, which antd's CSS-in-JS and @ant-design/icons call
 * in an effect of every component instance they mount: each call lists every child of `<head>`,
 * reads the mark attribute of each style and serialises the matching style's text to compare it.
 * With 100 fields (≈ 1,000 instances, ≈ 100 styles in the head) that was 10–15 % of the time
 * to draw a generated form. The memo answers a repeated call with the style element it got last
 * time for the same key, as long as that element is still in the same parent and was written with
 * the same text (rc-util is the only writer of these elements' text); anything else (a new key or text, a removed or moved element, a CSP nonce) goes
 * to rc-util as before. Wired in by the build (vite.config.ts, `memoisedStyleInjection`).
 */
export function memoiseUpdateCss(updateCss: UpdateCss): UpdateCss {
  const known = new Map<string, { css: string; node: HTMLStyleElement; parent: ParentNode | null; attachTo: UpdateCssOptions['attachTo'] }>();
  return (css, key, options = {}) => {
    const id = `${options.mark ?? ''}\u0000${key}`;
    const hit = known.get(id);
    if (
      hit &&
      !options.csp?.nonce &&
      hit.css === css &&
      hit.attachTo === options.attachTo &&
      hit.node.isConnected &&
      hit.node.parentNode === hit.parent
    )
      return hit.node;
    const node = updateCss(css, key, options);
    known.set(id, { css, node, parent: node.parentNode, attachTo: options.attachTo });
    return node;
  };
}
