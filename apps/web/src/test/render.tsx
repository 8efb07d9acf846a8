// React-DOM mounting for component tests under happy-dom: import after './setup.js'.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';
import type { AppRouter } from '@xlgl/api';
import { TRPCProvider } from '../trpc.js';

let root: Root | undefined;
let container: HTMLDivElement | undefined;

// Every test starts on an empty page: what the last one mounted (and antd's portals) goes away.
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  container?.remove();
  container = undefined;
  document.body.innerHTML = '';
});

/**
 * Mounts `children` in a fresh container under the app's providers (antd in zh-CN, antd's App,
 * react-query and tRPC), inside `act`; it is unmounted after the test.
 */
export async function renderWithProviders(children: ReactNode, clients: { queryClient: QueryClient; trpcClient: TRPCClient<AppRouter> }): Promise<void> {
  container = document.createElement('div');
  document.body.appendChild(container);
  const mounted = createRoot(container);
  root = mounted;
  await act(async () => {
    mounted.render(
      <ConfigProvider locale={zhCN}>
        <AntApp>
          <QueryClientProvider client={clients.queryClient}>
            <TRPCProvider trpcClient={clients.trpcClient} queryClient={clients.queryClient}>
              {children}
            </TRPCProvider>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>,
    );
  });
}

/**
 * Waits until `expectation` passes (up to about two seconds). Navigations run in transitions, so a route
 * whose area is still being imported keeps showing the previous page until the import resolves.
 */
export async function eventually(expectation: () => void): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      expectation();
      return;
    } catch (error) {
      if (attempt >= 100) throw error;
      await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    }
  }
}

/** A bubbling click on `element`, inside `act`. */
export async function click(element: Element): Promise<void> {
  await act(async () => void element.dispatchEvent(new MouseEvent('click', { bubbles: true })));
}

/** Sets the value of a controlled input or text area the way typing does (native setter, then an `input` event). */
export async function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
