import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './App.js';
import { createClient, createQueryClient, TRPCProvider } from './trpc.js';
import { theme } from './shell/theme.js';
import './styles.css';

dayjs.locale('zh-cn');

const trpcClient = createClient();
// A request answered with UNAUTHORIZED means the session is over: forget the user, the guard redirects.
const queryClient = createQueryClient(() => queryClient.setQueriesData({ queryKey: [['auth', 'me']] }, null));

// Buttons keep their text as written (登录, not antd's spaced 登 录) for screen readers and tests.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </TRPCProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
