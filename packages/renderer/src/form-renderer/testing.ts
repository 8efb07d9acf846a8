import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

/** Browser APIs antd expects and happy-dom lacks; call once in a DOM test file. */
export function installDomPolyfills(): void {
  const target = globalThis as unknown as { window: Window & typeof globalThis };
  if (!target.window.matchMedia) {
    target.window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    })) as unknown as typeof window.matchMedia;
  }
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
}

/**
 * Mounts React trees into the page for a DOM test file: `mount` renders into a fresh container (inside
 * `act`) and returns it; `cleanup` (call it in `afterEach`) unmounts every tree and removes its container.
 */
export function domMounter(): { mount: (node: ReactNode) => Promise<HTMLElement>; cleanup: () => void } {
  const mounted: Array<{ root: Root; container: HTMLElement }> = [];
  return {
    async mount(node) {
      const container = document.createElement('div');
      document.body.appendChild(container);
      const root = createRoot(container);
      mounted.push({ root, container });
      await act(async () => root.render(node));
      return container;
    },
    cleanup() {
      for (const { root, container } of mounted.splice(0)) {
        act(() => root.unmount());
        container.remove();
      }
    },
  };
}
