import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorMessage } from '../lib/serverErrors.js';
import { useTRPC } from '../trpc.js';
import { CurrentUserContext } from './CurrentUserContext.js';
import { loginPathFor } from './redirect.js';

/** Renders the signed-in part of the app, or sends the visitor to sign-in and back afterwards. */
export function RequireSession() {
  const trpc = useTRPC();
  const location = useLocation();
  const me = useQuery(trpc.auth.me.queryOptions());

  if (me.isPending) {
    return (
      <div style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" tip="正在加载…">
          <div style={{ width: 160, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={errorMessage(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    return <Navigate to={loginPathFor(`${location.pathname}${location.search}${location.hash}`)} replace />;
  }
  return (
    <CurrentUserContext.Provider value={me.data}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}
