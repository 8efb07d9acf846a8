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
