import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@xlgl/api';
import { AppRoutes } from './App.js';
import { createClient, createQueryClient, TRPCProvider } from './trpc.js';
import { theme } from './shell/theme.js';
import './styles.css';

dayjs.locale('zh-cn');

const queryClient = createQueryClient();
// A call answered with UNAUTHORIZED means the session is over: forget the user, the guard redirects.
const trpcClient = createClient(() => queryClient.setQueryData(trpcOptions.auth.me.queryKey(), null));
const trpcOptions = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
// A data router (so editors can ask before unsaved changes are left: useBlocker); the areas keep their own <Routes>.
const router = createBrowserRouter([{ path: '*', element: <AppRoutes /> }]);

// Buttons keep their text as written (登录, not antd's spaced 登 录) for screen readers and tests.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <RouterProvider router={router} />
          </TRPCProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
